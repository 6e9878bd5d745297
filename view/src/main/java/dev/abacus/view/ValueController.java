package dev.abacus.view;

import dev.abacus.auth.RequiresBearerToken;
import dev.abacus.auth.Scopes;
import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;

@Controller
@Tag(name = "values")
class ValueController {

    private final ValueStore store;
    private final ViewConfig config;

    ValueController(ValueStore store, ViewConfig config) {
        this.store = store;
        this.config = config;
    }

    @Get("/values/{id}")
    @RequiresBearerToken(Scopes.VALUES_READ)
    @Operation(summary = "A value as this view copy holds it")
    @SecurityRequirement(name = ViewApplication.BEARER, scopes = Scopes.VALUES_READ)
    @ApiResponse(responseCode = "200", description = "The value, its version and its last change.",
            content = @Content(schema = @Schema(implementation = ValueResponse.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/InvalidRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")

    ValueResponse value(@PathVariable UUID id) {
        StoredValue stored = store.get(id);
        if (stored == null) {
            throw new ProblemException(Problem.of(ProblemType.VALUE_NOT_FOUND, "no value " + id + " in this view"));
        }
        return ValueResponse.of(id, stored);
    }

    @Get("/values")
    @RequiresBearerToken(Scopes.VALUES_READ)
    @Operation(summary = "A page of values in value-id order")
    @SecurityRequirement(name = ViewApplication.BEARER, scopes = Scopes.VALUES_READ)
    @ApiResponse(responseCode = "200", description = "Up to limit values after the cursor; next is the following"
            + " page's cursor, null at the end.", content = @Content(schema = @Schema(implementation = ValuePage.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/InvalidRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "406", ref = "#/components/responses/NotAcceptable")
    ValuePage values(
            @Nullable @QueryValue @Parameter(description = "1 to max-page-size (500 by default); default-page-size"
                    + " (50) when absent") String limit,
            @Nullable @QueryValue @Parameter(description = "the previous page's next") UUID after) {
        ValueStore.Page page = store.page(after, pageSize(limit));
        List<ValueResponse> items = page.entries().stream()
                .map(entry -> ValueResponse.of(entry.valueId(), entry.value()))
                .toList();
        String next = page.more() && !items.isEmpty() ? items.get(items.size() - 1).valueId().toString() : null;
        return new ValuePage(items, next);
    }

    /**
     * Read by hand, not as an {@code Integer} with constraints: the refusal quotes the text as sent ({@code '0501'},
     * {@code '+0'}), which a converted number no longer knows, and the top of the range is a setting.
     */
    private int pageSize(@Nullable String limit) {
        Problem refusal = limitRefusal(limit);
        if (refusal != null) {
            throw new ProblemException(refusal);
        }
        return limit == null || limit.isEmpty() ? config.defaultPageSize() : Integer.parseInt(limit);
    }

    @Nullable
    private Problem limitRefusal(@Nullable String limit) {
        if (limit == null || limit.isEmpty()) {
            return null;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= config.maxPageSize()) {
                return null;
            }
        } catch (NumberFormatException e) {
            // refused below, quoting the text
        }
        return invalid("limit", limit);
    }

    /**
     * A UUID in the path or the cursor that is not in canonical form, answered as when ids were parsed by hand; a bad
     * limit beside a bad cursor is named first, as it was.
     */
    @Error(exception = ConversionErrorException.class)
    HttpResponse<Problem> invalidArgument(HttpRequest<?> request, ConversionErrorException e) {
        String field = e.getArgument().getName();
        Problem limitFirst = "after".equals(field) ? limitRefusal(request.getParameters().get("limit")) : null;
        Problem problem = limitFirst != null ? limitFirst
                : invalid(field, e.getConversionError().getOriginalValue().map(String::valueOf).orElse(""));
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body(problem.withInstance(request.getPath()));
    }

    private Problem invalid(String field, String text) {
        String detail = "limit".equals(field)
                ? "limit must be a whole number from 1 to " + config.maxPageSize() + ", was '" + abbreviate(text) + "'"
                : field + " must be a UUID, was '" + abbreviate(text) + "'";
        return Problem.of(ProblemType.INVALID_REQUEST, detail).withErrors(List.of(new Problem.FieldError(field, detail)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
