package dev.abacus.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How callers of the commander and the view authenticate, when the pipeline says. */
public enum AuthMode {
    /** Bearer tokens listed in a Secret. */
    @JsonProperty("Static")
    STATIC,
    /** JWTs signed with a shared HS256 secret or a key the issuer publishes (JWKS). */
    @JsonProperty("Jwt")
    JWT
}
