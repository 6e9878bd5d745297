package dev.abacus.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** A plain JDK HTTP/1.1 client, so bodies, headers and paths go out byte for byte as generated. */
final class Http {

    /** One answer; {@code status} is -1 when the exchange failed at the transport level. */
    record Answer(int status, HttpResponse<String> response, JsonNode json, long nanos, String failure) {
        String header(String name) {
            return response == null ? null : response.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        String text(String field) {
            return json == null || !json.hasNonNull(field) ? null : json.get(field).asText();
        }

        boolean isProblem() {
            String type = contentType();
            return type != null && type.startsWith("application/problem+json") && json != null
                    && json.path("status").asInt() == status;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final Supplier<URI> base;
    private final Duration timeout;

    Http(Supplier<URI> base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "test-http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    Http(URI base) {
        this(() -> base, Duration.ofSeconds(30));
    }

    Answer post(String path, String body, String... headers) {
        return send("POST", path, "application/json", body, headers);
    }

    Answer put(String path, String body, String... headers) {
        return send("PUT", path, "application/json", body, headers);
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    Answer send(String method, String path, String contentType, String body, String... headers) {
        return send(method, URI.create(base.get().toString() + path), contentType,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    Answer send(String method, URI uri, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : parse(response.body());
            return new Answer(response.statusCode(), response, json, System.nanoTime() - started, null);
        } catch (IOException e) {
            return new Answer(-1, null, null, System.nanoTime() - started, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, null, System.nanoTime() - started, e.toString());
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
