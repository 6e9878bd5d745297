package dev.abacus.commander;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.abacus.contract.ProblemType;
import dev.abacus.domain.Command;
import dev.abacus.domain.CreateValue;
import dev.abacus.domain.Outcome;
import dev.abacus.domain.RejectionReason;
import dev.abacus.support.http.Problem;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.UUID;

/** The commander's HTTP answers: bodies in snake_case, errors as problem+json. */
final class CommandResponses {

    static final String PREFERENCE_APPLIED = "Preference-Applied";

    /** What is known of a command: no outcome yet, or the processor's decision. */
    @Schema(name = "CommandState")
    enum CommandState { PENDING, ACCEPTED, REJECTED }

    /** 202: the command is in Kafka; its outcome is not known yet. */
    @Introspected
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "CommandAccepted", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record CommandAccepted(
            UUID commandId,
            UUID valueId,
            @Schema(description = "always PENDING") CommandState status,
            @Schema(description = "GET it for the outcome", example = "/commands/3fa85f64-5717-4562-b3fc-2c963f66afa6")
            String statusUrl) {}

    /** 201/200 after waiting: the value as the accepted command left it. */
    @Introspected
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ValueResult", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record ValueResult(UUID valueId, double value, long version, UUID commandId) {}

    /** {@code GET /commands/{id}}. */
    @Introspected
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "CommandStatus", additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    record CommandStatus(
            UUID commandId,
            UUID valueId,
            CommandState status,
            @Schema(requiredMode = NOT_REQUIRED, description = "ACCEPTED: the event it produced") UUID eventId,
            @Schema(requiredMode = NOT_REQUIRED, description = "ACCEPTED: the value after it") Double value,
            @Schema(requiredMode = NOT_REQUIRED, description = "ACCEPTED: the value's version after it") Long version,
            @Schema(requiredMode = NOT_REQUIRED, description = "ACCEPTED, present only when true: a retry answered as a"
                    + " duplicate") Boolean duplicate,
            @Schema(requiredMode = NOT_REQUIRED, description = "REJECTED: why") RejectionReason reason,
            @Schema(requiredMode = NOT_REQUIRED, description = "REJECTED: for people") String detail) {

        static CommandStatus of(OutcomeBook.Entry entry) {
            Outcome outcome = entry.outcome();
            if (outcome instanceof Outcome.Accepted accepted) {
                return new CommandStatus(entry.commandId(), entry.valueId(), CommandState.ACCEPTED, accepted.eventId(),
                        accepted.value(), accepted.version(), accepted.duplicate() ? Boolean.TRUE : null, null, null);
            }
            if (outcome instanceof Outcome.Rejected rejected) {
                return new CommandStatus(entry.commandId(), entry.valueId(), CommandState.REJECTED, null, null, null, null,
                        rejected.reason(), rejected.detail());
            }
            return new CommandStatus(entry.commandId(), entry.valueId(), CommandState.PENDING, null, null, null, null, null, null);
        }
    }

    private CommandResponses() {}

    static String statusUrl(UUID commandId) {
        return "/commands/" + commandId;
    }

    static String valueUrl(UUID valueId) {
        return "/values/" + valueId;
    }

    static MutableHttpResponse<CommandAccepted> pending(Command command, @Nullable Duration waited) {
        MutableHttpResponse<CommandAccepted> response = HttpResponse.<CommandAccepted>status(HttpStatus.ACCEPTED)
                .header(HttpHeaders.LOCATION, valueUrl(command.valueId()))
                .body(new CommandAccepted(command.id(), command.valueId(), CommandState.PENDING, statusUrl(command.id())));
        return applied(response, waited);
    }

    static MutableHttpResponse<?> decided(Command command, Outcome outcome, Duration waited) {
        if (outcome instanceof Outcome.Accepted accepted) {
            boolean created = command instanceof CreateValue;
            MutableHttpResponse<ValueResult> response = HttpResponse
                    .<ValueResult>status(created ? HttpStatus.CREATED : HttpStatus.OK)
                    .header(HttpHeaders.LOCATION, valueUrl(command.valueId()))
                    .body(new ValueResult(command.valueId(), accepted.value(), accepted.version(), command.id()));
            return applied(response, waited);
        }
        Outcome.Rejected rejected = (Outcome.Rejected) outcome;
        Problem problem = rejection(rejected).withInstance(statusUrl(command.id()));
        return applied(problem(problem), waited);
    }

    static Problem rejection(Outcome.Rejected rejected) {
        ProblemType type = switch (rejected.reason()) {
            case VALUE_NOT_FOUND -> ProblemType.VALUE_NOT_FOUND;
            case VALUE_ALREADY_EXISTS -> ProblemType.VALUE_ALREADY_EXISTS;
            case NON_FINITE_RESULT -> ProblemType.NON_FINITE_RESULT;
            case INVALID -> ProblemType.INVALID_COMMAND;
        };
        return Problem.of(type, rejected.detail());
    }

    static MutableHttpResponse<Problem> problem(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(problem);
    }

    private static <T> MutableHttpResponse<T> applied(MutableHttpResponse<T> response, @Nullable Duration waited) {
        if (waited != null) {
            response.header(PREFERENCE_APPLIED, "wait=" + Math.max(1, waited.toSeconds()));
        }
        return response;
    }
}
