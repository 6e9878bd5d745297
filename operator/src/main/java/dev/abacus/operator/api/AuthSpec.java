package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How callers of the pipeline's HTTP services (the commander and every view generation) authenticate. Secrets are
 * referenced, never inlined; the operator passes the references on to the pods.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.mode) || self.mode != 'Static' || has(self.tokens)",
        message = "mode Static needs tokens.secretKeyRef")
@ValidationRule(value = "!has(self.tokens) || (has(self.mode) && self.mode == 'Static')",
        message = "tokens are only read in mode Static")
@ValidationRule(value = "!has(self.mode) || self.mode != 'Jwt' || has(self.jwt)",
        message = "mode Jwt needs jwt.secretKeyRef or jwt.jwksUrl")
@ValidationRule(value = "!has(self.jwt) || (has(self.mode) && self.mode == 'Jwt')",
        message = "jwt is only read in mode Jwt")
public class AuthSpec {

    @JsonPropertyDescription("Static (bearer tokens from a Secret) or Jwt (JWTs checked against a shared secret or "
            + "the issuer's keys). Absent: the operator sets no auth, and the services' API is open unless "
            + "spec.commander.env and spec.view.env configure ABACUS_AUTH_* themselves. Scopes: "
            + "abacus:commands:write and abacus:commands:read on the commander, abacus:values:read on the view.")
    private AuthMode mode;

    @JsonPropertyDescription("Mode Static: where the tokens are kept.")
    private AuthTokensSpec tokens;

    @JsonPropertyDescription("Mode Jwt: how tokens are checked.")
    private JwtAuthSpec jwt;

    public AuthMode getMode() {
        return mode;
    }

    public void setMode(AuthMode mode) {
        this.mode = mode;
    }

    public AuthTokensSpec getTokens() {
        return tokens;
    }

    public void setTokens(AuthTokensSpec tokens) {
        this.tokens = tokens;
    }

    public JwtAuthSpec getJwt() {
        return jwt;
    }

    public void setJwt(JwtAuthSpec jwt) {
        this.jwt = jwt;
    }
}
