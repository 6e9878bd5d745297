package dev.abacus.system;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Test-only: times each {@code /values} request inside the server, from the first filter to the
 * response, so a latency bound the commander promises is checked where it is kept, not through a
 * client's queueing and scheduling on a loaded machine. Requests name their phase in {@link #PHASE}.
 * Only in contexts started with {@link #ENABLED} true.
 */
@ServerFilter({"/values", "/values/**"})
@Requires(property = ServerLatencyProbe.ENABLED, value = "true")
final class ServerLatencyProbe implements Ordered {

    static final String ENABLED = "abacus.test.server-latency-probe";
    static final String PHASE = "X-Test-Phase";
    private static final String STARTED = ServerLatencyProbe.class.getName() + ".started";

    record Sample(String phase, int status, long nanos, String retryAfter) {}

    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(STARTED, Long.class).ifPresent(started -> samples.add(new Sample(
                request.getHeaders().get(PHASE), response.code(), System.nanoTime() - started,
                response.getHeaders().get(HttpHeaders.RETRY_AFTER))));
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    void clear() {
        samples.clear();
    }
}
