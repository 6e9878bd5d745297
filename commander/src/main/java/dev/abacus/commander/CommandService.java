package dev.abacus.commander;

import dev.abacus.contract.ProblemType;
import dev.abacus.domain.Command;
import dev.abacus.support.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a command, then answers: 503 if Kafka did not acknowledge it, otherwise 202, or with the
 * wait option the outcome once the processor decided (202 still, if it did not in time).
 */
@Singleton
final class CommandService {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

    private final CommandWriter writer;
    private final OutcomeBook book;
    private final CommanderMetrics metrics;
    private final Duration retryAfter;

    CommandService(CommandWriter writer, OutcomeBook book, CommanderMetrics metrics, CommanderConfig config) {
        this.writer = writer;
        this.book = book;
        this.metrics = metrics;
        this.retryAfter = config.retryAfter();
    }

    CompletableFuture<HttpResponse<?>> submit(Command command, @Nullable Duration wait, HttpRequest<?> request) {
        metrics.received(command.getClass().getSimpleName());
        String path = request.getPath();
        Executor answerer = loopOf(request);
        return writer.write(command).handleAsync((metadata, failure) -> failure, answerer).thenCompose(failure -> {
            if (failure != null) {
                return CompletableFuture.completedFuture(unavailable(command, failure, path));
            }
            book.markPending(command.id(), command.valueId());
            if (wait == null) {
                return CompletableFuture.completedFuture(CommandResponses.pending(command, null));
            }
            return book.await(command.id(), wait).thenApplyAsync(outcome -> {
                if (outcome == null) {
                    metrics.waited("timeout");
                    return CommandResponses.pending(command, wait);
                }
                metrics.waited(outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
                return CommandResponses.decided(command, outcome, wait);
            }, answerer);
        });
    }

    /**
     * The event loop of the request's connection: its answer is built there, not on the thread that completed the write
     * (Kafka's single I/O thread, which otherwise ran every response's filters and serialisation in turn).
     */
    private static Executor loopOf(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty
                ? netty.getChannelHandlerContext().channel().eventLoop()
                : Runnable::run;
    }

    private HttpResponse<?> unavailable(Command command, Throwable failure, String path) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        LOG.warn("command {} not written: {}", command.id(), cause.toString());
        metrics.unavailable();
        Problem problem = Problem.of(ProblemType.KAFKA_UNAVAILABLE,
                        "the command could not be written to Kafka in time (" + cause.getClass().getSimpleName()
                                + "); retry later, with the same Idempotency-Key to stay safe")
                .withInstance(path);
        return CommandResponses.problem(problem)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds()));
    }
}
