package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** TLS to Kafka; its presence turns TLS on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTlsSpec {

    @Size(max = 16)
    @JsonPropertyDescription("Certificates that sign the brokers' certificates, e.g. the cluster CA's ca.crt. When "
            + "absent, the JVM's default trust store decides.")
    private List<CertificateRef> trustedCertificates;

    public List<CertificateRef> getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(List<CertificateRef> trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }
}
