package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A PEM certificate in a Secret (Strimzi's {@code trustedCertificates} entry). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertificateRef {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the Secret, in the pipeline's namespace.")
    private String secretName;

    @Required
    @Pattern("^[-._a-zA-Z0-9]+$")
    @JsonPropertyDescription("Key within the Secret that holds the PEM certificate(s), e.g. ca.crt.")
    private String certificate;

    public CertificateRef() {
    }

    public CertificateRef(String secretName, String certificate) {
        this.secretName = secretName;
        this.certificate = certificate;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public String getCertificate() {
        return certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }
}
