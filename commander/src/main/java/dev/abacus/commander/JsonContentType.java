package dev.abacus.commander;

import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admits a command body only under a Content-Type that follows RFC 9110's grammar (§8.3.1, §5.6.6;
 * empty parameters such as {@code application/json;;} are part of it), names application/json, and
 * declares no charset but UTF-8 (RFC 8259 §8.1). No Content-Type at all is read as JSON.
 */
final class JsonContentType {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t \\x21-\\x7E\\x80-\\xFF])*\"";
    private static final String PARAMETER = "(" + TOKEN + ")=(" + TOKEN + "|" + QUOTED + ")";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[ \\t]*(" + TOKEN + ")/(" + TOKEN + ")((?:[ \\t]*;[ \\t]*(?:" + PARAMETER + ")?)*)[ \\t]*");
    private static final Pattern PARAMETERS = Pattern.compile(";[ \\t]*(?:" + PARAMETER + ")?");

    private JsonContentType() {}

    static void require(List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        if (fields.size() > 1) {
            throw unsupported("send one Content-Type, application/json");
        }
        String field = fields.get(0);
        Matcher mediaType = MEDIA_TYPE.matcher(field);
        if (!mediaType.matches()) {
            throw unsupported("Content-Type '" + abbreviate(field) + "' is not a media type; send application/json");
        }
        if (!mediaType.group(1).equalsIgnoreCase("application") || !mediaType.group(2).equalsIgnoreCase("json")) {
            throw unsupported("Content-Type '" + abbreviate(field) + "' is not allowed; send application/json");
        }
        Matcher parameter = PARAMETERS.matcher(mediaType.group(3));
        while (parameter.find()) {
            if ("charset".equalsIgnoreCase(parameter.group(1)) && !isUtf8(unquote(parameter.group(2)))) {
                throw unsupported("JSON is read as UTF-8 only; charset '" + abbreviate(unquote(parameter.group(2)))
                        + "' is not allowed");
            }
        }
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.isSupported(charset) && Charset.forName(charset).equals(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    private static String unquote(@Nullable String value) {
        if (value == null || !value.startsWith("\"")) {
            return value;
        }
        return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail));
    }
}
