package dev.abacus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    private static final KafkaSecurity.SaslCredential ALICE =
            new KafkaSecurity.SaslCredential(SaslMechanism.SCRAM_SHA_512, "alice", "pa\"ss\\word");

    @Test
    void theProtocolFollowsFromTlsAndSasl() {
        assertThat(KafkaSecurity.NONE.clientProperties()).isEmpty();
        assertThat(new KafkaSecurity(true, "", Optional.empty()).clientProperties())
                .containsExactlyEntriesOf(java.util.Map.of("security.protocol", "SSL"));
        assertThat(new KafkaSecurity(false, "", Optional.of(ALICE)).securityProtocol()).isEqualTo("SASL_PLAINTEXT");
        assertThat(new KafkaSecurity(true, "PEM", Optional.of(ALICE)).clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", "PEM")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"alice\" password=\"pa\\\"ss\\\\word\";");
    }

    @Test
    void thePasswordNeverShowsInText() {
        KafkaSecurity security = new KafkaSecurity(true, "", Optional.of(ALICE));

        assertThat(security.toString()).contains("SASL_SSL", "alice").doesNotContain("pa\"ss");
        assertThat(ALICE.toString()).doesNotContain("pa\"ss");
    }

    @Test
    void refusesWhatKafkaWouldMisread() {
        assertThatThrownBy(() -> new KafkaSecurity(false, "PEM", Optional.empty()))
                .hasMessageContaining("need TLS");
        assertThatThrownBy(() -> new KafkaSecurity.SaslCredential(SaslMechanism.PLAIN, "bob", "two\nlines"))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> new KafkaSecurity.SaslCredential(SaslMechanism.PLAIN, " ", "x"))
                .hasMessageContaining("username");
        assertThat(SaslMechanism.of("scram-sha-256")).isEqualTo(SaslMechanism.SCRAM_SHA_256);
        assertThatThrownBy(() -> SaslMechanism.of("GSSAPI")).hasMessageContaining("unknown SASL mechanism");
    }

    @Test
    void onlyTrailingLineBreaksLeaveAPassword() {
        assertThat(KafkaSecurity.withoutTrailingLineBreak("secret \r\n")).isEqualTo("secret ");
        assertThat(KafkaSecurity.withoutTrailingLineBreak("se\ncret")).isEqualTo("se\ncret");
    }
}
