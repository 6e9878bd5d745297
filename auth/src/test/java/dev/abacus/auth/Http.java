package dev.abacus.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK client, so paths and bodies go out byte for byte as curl would send them. */
public final class Http {

    /** A status, the response as it came and its body as JSON (null when it is none). */
    public record Answer(int status, HttpResponse<String> response, JsonNode json) {
        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public Answer post(String path, String body, String... headers) {
        return send("POST", path, "application/json", body, headers);
    }

    public Answer put(String path, String body, String... headers) {
        return send("PUT", path, "application/json", body, headers);
    }

    public Answer get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Answer send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : parse(response.body());
            return new Answer(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
