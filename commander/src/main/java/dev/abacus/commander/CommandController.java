package dev.abacus.commander;

import dev.abacus.auth.RequiresBearerToken;
import dev.abacus.auth.Scopes;
import dev.abacus.contract.ProblemType;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.UpdateValue;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@Controller
final class CommandController {

    static final String ANONYMOUS = "anonymous";

    private final CommandService service;
    private final OutcomeBook book;
    private final CommanderConfig config;

    CommandController(CommandService service, OutcomeBook book, CommanderConfig config) {
        this.service = service;
        this.book = book;
        this.config = config;
    }

    @RequiresBearerToken(Scopes.COMMANDS_WRITE)
    @Post(uri = "/values", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request, @Body CreateValueRequest create) {
        String principal = principal(request);
        String key = IdempotencyKeys.validate(request.getHeaders().get(IdempotencyKeys.HEADER));
        Duration wait = waitOf(request);
        CreateValue command = new CreateValue(
                IdempotencyKeys.commandIdForCreate(principal, key),
                IdempotencyKeys.valueIdForCreate(principal, key),
                create.value(),
                Instant.now());
        return service.submit(command, wait, request.getPath());
    }

    @RequiresBearerToken(Scopes.COMMANDS_WRITE)
    @Put(uri = "/values/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> update(HttpRequest<?> request, @PathVariable UUID id,
            @Body UpdateValueRequest update) {
        String principal = principal(request);
        String key = IdempotencyKeys.validate(request.getHeaders().get(IdempotencyKeys.HEADER));
        Duration wait = waitOf(request);
        UpdateValue command = new UpdateValue(
                IdempotencyKeys.commandIdForUpdate(principal, id, key),
                id,
                update.operation(),
                update.value(),
                Instant.now());
        return service.submit(command, wait, request.getPath());
    }

    @RequiresBearerToken(Scopes.COMMANDS_READ)
    @Get(uri = "/commands/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> status(@PathVariable UUID id) {
        return book.find(id)
                .<HttpResponse<?>>map(entry -> HttpResponse.ok(CommandResponses.CommandStatus.of(entry)))
                .orElseThrow(() -> new ProblemException(Problem.of(ProblemType.COMMAND_NOT_FOUND,
                                "command " + id + " is unknown here: it was not sent through this instance"
                                        + " and has no outcome yet, or its outcome is too old to be kept")));
    }

    /** A path variable that is not a UUID in canonical form, answered as when ids were parsed by hand. */
    @Error(exception = ConversionErrorException.class)
    HttpResponse<Problem> invalidArgument(HttpRequest<?> request, ConversionErrorException e) {
        return refused(request, CommandRequests.notAUuid(e.getArgument().getName()));
    }

    /** A body of no bytes at all never reaches the reader: it is not an object, as an empty document is not. */
    @Error(exception = UnsatisfiedBodyRouteException.class)
    HttpResponse<Problem> missingBody(HttpRequest<?> request) {
        return refused(request, CommandRequests.notAnObject());
    }

    private static HttpResponse<Problem> refused(HttpRequest<?> request, ProblemException refusal) {
        return CommandResponses.problem(refusal.problem().withInstance(request.getPath()));
    }

    private Duration waitOf(HttpRequest<?> request) {
        return WaitPreference.resolve(
                request.getParameters().get("wait"), request.getHeaders().getAll("Prefer"), config.maxWait());
    }

    /** The static token's name or the JWT's {@code sub}: idempotency keys are scoped to it. */
    private static String principal(HttpRequest<?> request) {
        return request.getUserPrincipal().map(Principal::getName).orElse(ANONYMOUS);
    }
}
