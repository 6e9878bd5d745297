package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Kafka connection settings; secrets are referenced, never inlined. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.truststore) || has(self.clientProperties)",
        message = "truststore needs clientProperties: point ssl.truststore.location at /etc/abacus/kafka/truststore/<key> there")
@ValidationRule(value = "!has(self.tls) || !has(self.truststore)",
        message = "use tls.trustedCertificates or truststore, not both")
@ValidationRule(value = "!has(self.manageAcls) || !self.manageAcls || has(self.authentication)",
        message = "manageAcls needs authentication: the ACLs name each component's Kafka user")
public class KafkaSpec {

    @Required
    @Pattern("^[^,\\s]+(,[^,\\s]+)*$")
    @JsonPropertyDescription("Kafka bootstrap servers, comma-separated host:port pairs, e.g. my-kafka:9092.")
    private String bootstrapServers;

    @JsonPropertyDescription("Escape hatch: a Secret key holding Kafka client settings in Java properties format. "
            + "Prefer tls and authentication. It is mounted into every service, which finds it through "
            + "ABACUS_KAFKA_CLIENT_PROPERTIES_FILE, and the operator uses the same settings for its admin client.")
    private SecretKeyRef clientProperties;

    @JsonPropertyDescription("Secret key holding a TLS truststore (PEM, PKCS12 or JKS). It is mounted at "
            + "/etc/abacus/kafka/truststore/<key>; reference that path as ssl.truststore.location in clientProperties.")
    private SecretKeyRef truststore;

    @JsonPropertyDescription("TLS to Kafka. Present means on; trustedCertificates name the CA certificates to trust.")
    private KafkaTlsSpec tls;

    @JsonPropertyDescription("SASL authentication (SCRAM or PLAIN) with passwords from Secrets. The typed settings "
            + "win over the same keys in clientProperties.")
    private KafkaAuthenticationSpec authentication;

    @JsonPropertyDescription("When true, the operator grants each component's Kafka user exactly what it needs (ACLs "
            + "through the Admin API): the commander writes commands and reads outcomes, the processor reads commands "
            + "and snapshots and writes events, outcomes and snapshots transactionally, the view reads events. It "
            + "needs authentication with a processor user of its own, and an operator user allowed to alter ACLs.")
    private Boolean manageAcls;

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public SecretKeyRef getClientProperties() {
        return clientProperties;
    }

    public void setClientProperties(SecretKeyRef clientProperties) {
        this.clientProperties = clientProperties;
    }

    public SecretKeyRef getTruststore() {
        return truststore;
    }

    public void setTruststore(SecretKeyRef truststore) {
        this.truststore = truststore;
    }

    public KafkaTlsSpec getTls() {
        return tls;
    }

    public void setTls(KafkaTlsSpec tls) {
        this.tls = tls;
    }

    public KafkaAuthenticationSpec getAuthentication() {
        return authentication;
    }

    public void setAuthentication(KafkaAuthenticationSpec authentication) {
        this.authentication = authentication;
    }

    public Boolean getManageAcls() {
        return manageAcls;
    }

    public void setManageAcls(Boolean manageAcls) {
        this.manageAcls = manageAcls;
    }
}
