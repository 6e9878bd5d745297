package dev.abacus.commander;

import dev.abacus.auth.RequiresBearerToken;
import dev.abacus.auth.Scopes;
import dev.abacus.contract.ProblemType;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.UpdateValue;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
    CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        JsonContentType.require(request.getHeaders().getAll(HttpHeaders.CONTENT_TYPE));
        CommandRequests.Create create = CommandRequests.create(body);
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
    CompletableFuture<HttpResponse<?>> update(HttpRequest<?> request, String id, @Body @Nullable byte[] body) {
        JsonContentType.require(request.getHeaders().getAll(HttpHeaders.CONTENT_TYPE));
        UUID valueId = CommandRequests.uuid(id, "id");
        CommandRequests.Update update = CommandRequests.update(body);
        String principal = principal(request);
        String key = IdempotencyKeys.validate(request.getHeaders().get(IdempotencyKeys.HEADER));
        Duration wait = waitOf(request);
        UpdateValue command = new UpdateValue(
                IdempotencyKeys.commandIdForUpdate(principal, valueId, key),
                valueId,
                update.operation(),
                update.value(),
                Instant.now());
        return service.submit(command, wait, request.getPath());
    }

    @RequiresBearerToken(Scopes.COMMANDS_READ)
    @Get(uri = "/commands/{id}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> status(String id) {
        UUID commandId = CommandRequests.uuid(id, "id");
        return book.find(commandId)
                .<HttpResponse<?>>map(entry -> HttpResponse.ok(CommandResponses.CommandStatus.of(entry)))
                .orElseThrow(() -> new ProblemException(Problem.of(ProblemType.COMMAND_NOT_FOUND,
                                "command " + commandId + " is unknown here: it was not sent through this instance"
                                        + " and has no outcome yet, or its outcome is too old to be kept")));
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
