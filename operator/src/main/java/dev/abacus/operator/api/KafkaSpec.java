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
public class KafkaSpec {

    @Required
    @Pattern("^[^,\\s]+(,[^,\\s]+)*$")
    @JsonPropertyDescription("Kafka bootstrap servers, comma-separated host:port pairs, e.g. my-kafka:9092.")
    private String bootstrapServers;

    @JsonPropertyDescription("Secret key holding Kafka client settings in Java properties format (security.protocol, "
            + "sasl.mechanism, sasl.jaas.config, ssl.*). It is mounted into every service, which finds it through "
            + "ABACUS_KAFKA_CLIENT_PROPERTIES_FILE, and the operator uses the same settings for its admin client.")
    private SecretKeyRef clientProperties;

    @JsonPropertyDescription("Secret key holding a TLS truststore (PEM, PKCS12 or JKS). It is mounted at "
            + "/etc/abacus/kafka/truststore/<key>; reference that path as ssl.truststore.location in clientProperties.")
    private SecretKeyRef truststore;

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
}
