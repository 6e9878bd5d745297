package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How JWTs are checked: a shared HS256 secret, the issuer's published keys, or both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.secretKeyRef) || has(self.jwksUrl)",
        message = "jwt needs secretKeyRef (an HS256 secret) or jwksUrl (the issuer's keys)")
public class JwtAuthSpec {

    @JsonPropertyDescription("The Secret key holding the HS256 shared secret, at least 32 bytes, used exactly as "
            + "stored (no trailing newline). Set as env ABACUS_AUTH_SECRET from the Secret by the kubelet; the "
            + "operator checks that the key exists and is long enough, never copies it.")
    private SecretKeyRef secretKeyRef;

    @Size(max = 2048)
    @Pattern("^https?://[^\\s/?#]+([/?#]\\S*)?$")
    @JsonPropertyDescription("Where the issuer publishes its signing keys (RS256, ES256, ...), an absolute http(s) "
            + "URL the pods can reach.")
    private String jwksUrl;

    @Size(min = 1, max = 1024)
    @JsonPropertyDescription("The iss a token must carry, exactly. Absent: any issuer.")
    private String issuer;

    @Size(min = 1, max = 1024)
    @JsonPropertyDescription("A value the token's aud must contain. Absent: any audience.")
    private String audience;

    public SecretKeyRef getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    public String getJwksUrl() {
        return jwksUrl;
    }

    public void setJwksUrl(String jwksUrl) {
        this.jwksUrl = jwksUrl;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }
}
