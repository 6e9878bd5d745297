package dev.abacus.commander;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only: the thread each write's response filters ran on, by the request's {@link #TAG} header. Only in
 * contexts started with {@link #ENABLED} true.
 */
@ServerFilter({"/values", "/values/**"})
@Requires(property = AnsweringThreads.ENABLED, value = "true")
final class AnsweringThreads {

    static final String ENABLED = "abacus.test.answering-threads";
    static final String TAG = "X-Test-Tag";

    private final Map<String, String> threads = new ConcurrentHashMap<>();

    @ResponseFilter
    void answered(HttpRequest<?> request) {
        String tag = request.getHeaders().get(TAG);
        if (tag != null) {
            threads.put(tag, Thread.currentThread().getName());
        }
    }

    String of(String tag) {
        return threads.get(tag);
    }
}
