package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.abacus.contract.SaslMechanism;

/** How the pipeline authenticates to Kafka; the names follow Strimzi's {@code authentication.type}. */
public enum KafkaAuthenticationType {
    @JsonProperty("scram-sha-512")
    SCRAM_SHA_512(SaslMechanism.SCRAM_SHA_512),
    @JsonProperty("scram-sha-256")
    SCRAM_SHA_256(SaslMechanism.SCRAM_SHA_256),
    @JsonProperty("plain")
    PLAIN(SaslMechanism.PLAIN);

    private final SaslMechanism mechanism;

    KafkaAuthenticationType(SaslMechanism mechanism) {
        this.mechanism = mechanism;
    }

    public SaslMechanism mechanism() {
        return mechanism;
    }
}
