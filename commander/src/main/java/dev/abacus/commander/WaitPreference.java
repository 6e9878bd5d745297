package dev.abacus.commander;

import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a client asked to wait for its command's outcome: {@code ?wait=5s} (or {@code 500ms},
 * {@code 5}) wins over RFC 7240 {@code Prefer: wait=5}. A malformed query value is a 400; a
 * malformed preference is ignored, as RFC 7240 asks. Both are capped at the configured maximum.
 */
final class WaitPreference {

    private static final Pattern QUERY = Pattern.compile("(\\d{1,9})(ms|s)?");
    private static final Pattern PREFER_WAIT = Pattern.compile("\\s*wait\\s*=\\s*\"?(\\d{1,9})\"?\\s*");

    private WaitPreference() {}

    /** The wait to apply, or null for none. */
    @Nullable
    static Duration resolve(@Nullable String query, List<String> preferHeaders, Duration max) {
        Duration asked = query != null ? fromQuery(query) : fromPrefer(preferHeaders);
        if (asked == null || asked.isZero() || max.isZero()) {
            return null;
        }
        return asked.compareTo(max) > 0 ? max : asked;
    }

    private static Duration fromQuery(String query) {
        Matcher matcher = QUERY.matcher(query.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                            "wait must be a whole number of seconds or milliseconds, e.g. 5s or 500ms")
                    .withErrors(List.of(new Problem.FieldError("wait", "must look like 5s or 500ms"))));
        }
        long amount = Long.parseLong(matcher.group(1));
        return "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    @Nullable
    private static Duration fromPrefer(List<String> headers) {
        for (String header : headers) {
            for (String preference : header.split(",")) {
                String token = preference.split(";", 2)[0];
                Matcher matcher = PREFER_WAIT.matcher(token.toLowerCase(Locale.ROOT));
                if (matcher.matches()) {
                    return Duration.ofSeconds(Long.parseLong(matcher.group(1)));
                }
            }
        }
        return null;
    }
}
