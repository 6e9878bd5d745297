package dev.abacus.operator.view;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.abacus.contract.ViewStatusDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Probes a copy's {@code GET /view/status} with the JDK HTTP client and a short overall timeout. */
public final class HttpViewProgressProbe implements ViewProgressProbe {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final HttpClient client;
    private final Function<ViewCopy, URI> address;
    private final Duration timeout;

    public HttpViewProgressProbe(Function<ViewCopy, URI> address, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.address = address;
        this.timeout = timeout;
    }

    /** Reaches each copy through its per-generation Service, as a real cluster's DNS allows. */
    public static HttpViewProgressProbe inCluster(Duration timeout) {
        return new HttpViewProgressProbe(ViewCopy::clusterStatusUri, timeout);
    }

    @Override
    public CompletableFuture<ViewProgress> probe(ViewCopy copy) {
        URI uri;
        try {
            uri = address.apply(copy);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ViewProgress.unknown("no address: " + e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        // sendAsync resolves DNS outside the request timeout; orTimeout bounds the whole exchange.
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> parse(uri, response))
                .exceptionally(e -> ViewProgress.unknown(uri + " unreachable: " + describe(e)));
    }

    private static ViewProgress parse(URI uri, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return ViewProgress.unknown(uri + " answered HTTP " + response.statusCode());
        }
        try {
            ViewStatusDocument body = JSON.readValue(response.body(), ViewStatusDocument.class);
            return ViewProgress.of(new ViewProgress.Reported(body.generation(), body.ready(), body.caughtUp(),
                    body.eventsApplied(), body.lag()));
        } catch (MismatchedInputException e) {
            return ViewProgress.unknown(uri + " answered a status the operator cannot use: " + e.getOriginalMessage());
        } catch (Exception e) {
            return ViewProgress.unknown(uri + " answered unreadable JSON: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
