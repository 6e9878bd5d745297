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
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@Controller
@Tag(name = "commands")
final class CommandController {

    static final String ANONYMOUS = "anonymous";
    private static final String WRITES = "Answers 202 once Kafka acknowledged the command; with a wait it answers"
            + " the outcome instead when the processor decides in time (a rejection as its problem).";

    private final CommandService service;
    private final OutcomeBook book;
    private final CommanderConfig config;

    CommandController(CommandService service, OutcomeBook book, CommanderConfig config) {
        this.service = service;
        this.book = book;
        this.config = config;
    }

    @RequiresBearerToken(Scopes.COMMANDS_WRITE)
    @Operation(summary = "Create a value", description = WRITES)
    @SecurityRequirement(name = CommanderApplication.BEARER, scopes = Scopes.COMMANDS_WRITE)
    @ApiResponse(responseCode = "202", description = "The command is in Kafka; its outcome is not known yet.",
            content = @Content(schema = @Schema(implementation = CommandResponses.CommandAccepted.class)))
    @ApiResponse(responseCode = "201", description = "Waited: the create was accepted.",
            content = @Content(schema = @Schema(implementation = CommandResponses.ValueResult.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/InvalidRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/ContentTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/ServiceUnavailable")
    @Post(uri = "/values", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> create(HttpRequest<?> request, @Body CreateValueRequest create,
            @RequestBean WriteOptions options) {
        String principal = principal(request);
        String key = IdempotencyKeys.validate(options.idempotencyKey());
        Duration wait = waitOf(options);
        CreateValue command = new CreateValue(
                IdempotencyKeys.commandIdForCreate(principal, key),
                IdempotencyKeys.valueIdForCreate(principal, key),
                create.value(),
                Instant.now());
        return service.submit(command, wait, request);
    }

    @RequiresBearerToken(Scopes.COMMANDS_WRITE)
    @Operation(summary = "Add to or multiply a value", description = WRITES)
    @SecurityRequirement(name = CommanderApplication.BEARER, scopes = Scopes.COMMANDS_WRITE)
    @ApiResponse(responseCode = "202", description = "The command is in Kafka; its outcome is not known yet.",
            content = @Content(schema = @Schema(implementation = CommandResponses.CommandAccepted.class)))
    @ApiResponse(responseCode = "200", description = "Waited: the update was accepted.",
            content = @Content(schema = @Schema(implementation = CommandResponses.ValueResult.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/InvalidRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/ContentTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "422", ref = "#/components/responses/UnprocessableContent")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/ServiceUnavailable")
    @Put(uri = "/values/{id}", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> update(HttpRequest<?> request, @PathVariable UUID id,
            @Body UpdateValueRequest update, @RequestBean WriteOptions options) {
        String principal = principal(request);
        String key = IdempotencyKeys.validate(options.idempotencyKey());
        Duration wait = waitOf(options);
        UpdateValue command = new UpdateValue(
                IdempotencyKeys.commandIdForUpdate(principal, id, key),
                id,
                update.operation(),
                update.value(),
                Instant.now());
        return service.submit(command, wait, request);
    }

    @RequiresBearerToken(Scopes.COMMANDS_READ)
    @Operation(summary = "What became of a command")
    @SecurityRequirement(name = CommanderApplication.BEARER, scopes = Scopes.COMMANDS_READ)
    @ApiResponse(responseCode = "200", description = "PENDING, ACCEPTED (with the event) or REJECTED (with the reason).",
            content = @Content(schema = @Schema(implementation = CommandResponses.CommandStatus.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/InvalidRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")
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

    private Duration waitOf(WriteOptions options) {
        return WaitPreference.resolve(options.waitFor(), options.prefer() == null ? List.of() : options.prefer(),
                config.maxWait());
    }

    /** The static token's name or the JWT's {@code sub}: idempotency keys are scoped to it. */
    private static String principal(HttpRequest<?> request) {
        return request.getUserPrincipal().map(Principal::getName).orElse(ANONYMOUS);
    }
}
