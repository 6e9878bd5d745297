package dev.abacus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.abacus.auth.RouteAttack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP as a client outside the cluster sees it through a Service's ClusterIP: one connection per request, so that
 * every request goes through kube-proxy's choice of endpoint at that moment (a pooled connection would stay on the
 * pod it first reached).
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Answer(int status, JsonNode body, String viewGeneration, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private Http() {
    }

    static Answer get(URI base, String path) {
        return send("GET", base, path, null, null);
    }

    /** The status of a GET that takes {@code accept}, for endpoints that do not answer JSON (Prometheus text). */
    static int status(URI base, String path, String accept) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Accept", accept);
            return connection.getResponseCode();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base.resolve(path) + ": " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    static Answer send(String method, URI base, String path, String body, String preferWait) {
        return send(method, base, path, body, preferWait, null);
    }

    static Answer send(String method, URI base, String path, String body, String preferWait, String authorization) {
        long started = System.nanoTime();
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            if (authorization != null) {
                connection.setRequestProperty("Authorization", authorization);
            }
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Connection", "close");
            connection.setRequestProperty("Accept", "application/json");
            if (preferWait != null) {
                connection.setRequestProperty("Prefer", "wait=" + preferWait);
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] bytes = stream == null ? new byte[0] : stream.readAllBytes();
            JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            return new Answer(status, json, connection.getHeaderField("X-View-Generation"), System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + ": " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** A YAML document (an OpenAPI document), read as a tree. */
    static JsonNode yaml(URI base, String path) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("GET " + base.resolve(path) + " answered " + connection.getResponseCode());
            }
            try (InputStream in = connection.getInputStream()) {
                return YAML.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base.resolve(path) + ": " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /**
     * An attack's request exactly as spelt: the path is appended to the authority, never resolved, so {@code //values}
     * and {@code /./values} reach the server as written. The answer is the status and the problem's type.
     */
    static RouteAttack.Answer raw(URI base, RouteAttack.Request request) {
        String authority = base.getScheme() + "://" + base.getRawAuthority();
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) new URL(authority + request.path()).openConnection();
            connection.setRequestMethod(request.method());
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Accept", "application/json");
            if (request.authorization() != null) {
                connection.setRequestProperty("Authorization", request.authorization());
            }
            if (request.body() != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body().getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] bytes = stream == null ? new byte[0] : stream.readAllBytes();
            String type = null;
            if (bytes.length > 0 && String.valueOf(connection.getContentType()).startsWith("application/problem+json")) {
                type = JSON.readTree(bytes).path("type").asText(null);
            }
            return new RouteAttack.Answer(status, type);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + authority + request.path() + ": " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
