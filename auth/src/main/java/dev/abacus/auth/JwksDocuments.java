package dev.abacus.auth;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.abacus.support.logging.LimitedWarnings;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.ResourceRetrieverJwksClient;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Fetches the JWKS document with time and size limits: the retriever Micronaut Security falls back
 * to waits forever, which would hold every request needing a key while the issuer hangs. A failed
 * fetch yields no keys (the tokens it would have verified get 401) and is retried on the next one.
 */
@Singleton
@Primary
@Replaces(ResourceRetrieverJwksClient.class)
final class JwksDocuments implements JwksClient {

    private static final Logger LOG = LoggerFactory.getLogger(JwksDocuments.class);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_BYTES = 1 << 20;

    private final DefaultResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, MAX_BYTES);
    private final LimitedWarnings warnings = new LimitedWarnings(5, 1, TimeUnit.MINUTES);
    private final Scheduler scheduler;

    JwksDocuments(@Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.scheduler = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<String> load(String providerName, String url) {
        return Mono.fromCallable(() -> retriever.retrieveResource(URI.create(url).toURL()).getContent())
                .onErrorResume(IOException.class, e -> {
                    synchronized (warnings) {
                        warnings.warn(() -> LOG.warn("JWKS {} could not be fetched: {}", url, e.toString()),
                                left -> LOG.warn("{} more JWKS fetches failed", left));
                    }
                    return Mono.empty();
                })
                .subscribeOn(scheduler);
    }
}
