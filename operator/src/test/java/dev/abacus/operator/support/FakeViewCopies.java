package dev.abacus.operator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.abacus.operator.view.HttpViewProgressProbe;
import dev.abacus.operator.view.ViewCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the view copies' {@code GET /view/status}, one path per per-generation Service:
 * {@code /<service>/view/status}. The real view (Micronaut 4.10 on Netty 4.2) cannot share a classpath with the
 * emulator (Vert.x 4.5 on Netty 4.1), so the answers are the view's recorded JSON shape. Unknown copies get 404.
 */
public final class FakeViewCopies implements ViewCopies {

    private record Answer(int status, String body, Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    public FakeViewCopies() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The probe the operator uses in tests: the production HTTP probe, pointed at this server. */
    @Override
    public HttpViewProgressProbe probe(Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new HttpViewProgressProbe(copy -> base.resolve("/" + copy.serviceName() + "/view/status"), timeout);
    }

    /** The copy behind {@code service} answers like the view module's {@code ViewStatusController}. */
    public void report(String service, int generation, boolean ready, boolean caughtUp, long eventsApplied, long lag) {
        String body = """
                {"generation":"%d","topic":"demo.events","ready":%s,"caught_up":%s,"alive":true,\
                "events_applied":%d,"events_skipped":0,"duplicates":0,"malformed":0,"version_gaps":0,\
                "values":%d,"lag":%d,"replay_millis":%d,"partitions":[{"partition":0,"position":%d,\
                "end_offset":%d,"startup_end_offset":%d,"lag":%d}]}"""
                .formatted(generation, ready, caughtUp, eventsApplied, eventsApplied / 3, lag, caughtUp ? 1234 : -1,
                        eventsApplied, eventsApplied + lag, eventsApplied + lag, lag);
        answers.put(service, new Answer(200, body, Duration.ZERO));
    }

    public void fail(String service, int status) {
        answers.put(service, new Answer(status, "{\"title\":\"broken\"}", Duration.ZERO));
    }

    /** The copy accepts the connection and answers only after {@code delay}. */
    public void hang(String service, Duration delay) {
        answers.put(service, new Answer(200, "{}", delay));
    }

    public int requests(String service) {
        return requests.getOrDefault(service, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String service = path.endsWith("/view/status") ? path.substring(1, path.length() - "/view/status".length())
                    : "";
            requests.computeIfAbsent(service, s -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.getOrDefault(service, new Answer(404, "{}", Duration.ZERO));
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
