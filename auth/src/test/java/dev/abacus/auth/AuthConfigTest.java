package dev.abacus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Duration SKEW = Duration.ofSeconds(30);

    @Test
    void withoutModeTokensMeanStaticAndNoTokensMeanNone() {
        assertThat(config(null, List.of("ci:secret")).mode()).isEqualTo(AuthConfig.Mode.STATIC);
        assertThat(config(null, null).mode()).isEqualTo(AuthConfig.Mode.NONE);
        assertThat(config(null, null).enabled()).isFalse();
    }

    @Test
    void aStaticTokenListingNoScopesGrantsThemAll() {
        StaticTokens tokens = StaticTokens.parse(List.of("ci:one", "two", "reader:three abacus:commands:read"));

        assertThat(tokens.find("one").orElseThrow().scopes()).isEqualTo(Scopes.ALL);
        assertThat(tokens.find("two").orElseThrow().principal()).startsWith("token-");
        assertThat(tokens.find("three").orElseThrow().scopes()).containsExactly(Scopes.COMMANDS_READ);
        assertThat(tokens.find("four")).isEmpty();
    }

    @Test
    void staticTokensAreRefusedWhenTheyCannotSayWhoOrWhat() {
        assertThatThrownBy(() -> config(null, List.of("ci:one abacus:commands:delete")))
                .hasMessageContaining("unknown scope 'abacus:commands:delete'");
        assertThatThrownBy(() -> config(null, List.of("ci:one", "ops:one"))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> config(null, List.of("ci:one", "ci:two"))).hasMessageContaining("repeated name");
        assertThatThrownBy(() -> config(null, List.of("ci: abacus:commands:read"))).hasMessageContaining("empty token");
        assertThatThrownBy(() -> config(AuthConfig.Mode.STATIC, null)).hasMessageContaining("needs");
        assertThatThrownBy(() -> config(AuthConfig.Mode.NONE, List.of("ci:one"))).hasMessageContaining("only read in mode static");
        assertThatThrownBy(() -> config(AuthConfig.Mode.JWT, List.of("ci:one"))).hasMessageContaining("only read in mode static");
    }

    @Test
    void jwtModeNeedsAKeyOfAtLeast256Bits() {
        assertThatThrownBy(() -> jwt(null, null)).hasMessageContaining("needs a secret");
        assertThatThrownBy(() -> jwt(SECRET.substring(1), null))
                .hasMessageContaining("at least 256 bits")
                .hasMessageNotContaining(SECRET.substring(1));
        assertThatThrownBy(() -> jwt(null, URI.create("file:///etc/keys.json"))).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> jwt(null, URI.create("/keys.json"))).hasMessageContaining("http(s)");
        assertThat(jwt(SECRET, null).mode()).isEqualTo(AuthConfig.Mode.JWT);
        assertThat(jwt(null, URI.create("https://issuer.test/jwks.json")).enabled()).isTrue();
    }

    @Test
    void jwtSettingsOutsideJwtModeAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> new AuthConfig(AuthConfig.Mode.STATIC, List.of("ci:one"), SECRET, null, null, null, SKEW))
                .hasMessageContaining("only read in mode jwt");
        assertThatThrownBy(() -> new AuthConfig(null, null, null, null, "https://issuer.test", null, SKEW))
                .hasMessageContaining("only read in mode jwt");
        assertThat(new AuthConfig(null, null, " ", null, "", null, SKEW).mode()).isEqualTo(AuthConfig.Mode.NONE);
    }

    @Test
    void theClockSkewIsBounded() {
        assertThatThrownBy(() -> new AuthConfig(AuthConfig.Mode.JWT, null, SECRET, null, null, null, Duration.ofMinutes(6)))
                .hasMessageContaining("clock-skew");
        assertThatThrownBy(() -> new AuthConfig(AuthConfig.Mode.JWT, null, SECRET, null, null, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("clock-skew");
    }

    @Test
    void theSecretAndTokensStayOutOfToString() {
        assertThat(jwt(SECRET, null).toString()).doesNotContain(SECRET);
        assertThat(config(null, List.of("ci:hunter2")).toString()).doesNotContain("hunter2");
    }

    @Test
    void aShortSecretStopsTheStart() {
        assertThatThrownBy(() -> BareContext.start(Map.of("abacus.auth.mode", "jwt", "abacus.auth.secret", "too-short"))
                        .close())
                .rootCause()
                .hasMessageContaining("at least 256 bits");
    }

    private static AuthConfig config(AuthConfig.Mode mode, List<String> tokens) {
        return new AuthConfig(mode, tokens, null, null, null, null, SKEW);
    }

    private static AuthConfig jwt(String secret, URI jwksUrl) {
        return new AuthConfig(AuthConfig.Mode.JWT, null, secret, jwksUrl, null, null, SKEW);
    }
}
