package dev.abacus.view;

import dev.abacus.auth.RequiresBearerToken;
import dev.abacus.auth.Scopes;
import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.UUID;

@Controller
class ValueController {

    private final ValueStore store;
    private final ViewConfig config;

    ValueController(ValueStore store, ViewConfig config) {
        this.store = store;
        this.config = config;
    }

    @Get("/values/{id}")
    @RequiresBearerToken(Scopes.VALUES_READ)
    ValueResponse value(@PathVariable String id) {
        UUID valueId = valueId(id, "id");
        StoredValue stored = store.get(valueId);
        if (stored == null) {
            throw new ProblemException(Problem.of(ProblemType.VALUE_NOT_FOUND,
                    "no value " + valueId + " in this view"));
        }
        return ValueResponse.of(valueId, stored);
    }

    @Get("/values")
    @RequiresBearerToken(Scopes.VALUES_READ)
    ValuePage values(@Nullable @QueryValue String limit, @Nullable @QueryValue String after) {
        int pageSize = pageSize(limit);
        ValueStore.Page page = store.page(after == null || after.isEmpty() ? null : valueId(after, "after"), pageSize);
        List<ValueResponse> items = page.entries().stream()
                .map(entry -> ValueResponse.of(entry.valueId(), entry.value()))
                .toList();
        String next = page.more() && !items.isEmpty() ? items.get(items.size() - 1).valueId().toString() : null;
        return new ValuePage(items, next);
    }

    private int pageSize(String limit) {
        if (limit == null || limit.isEmpty()) {
            return config.defaultPageSize();
        }
        int size;
        try {
            size = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1 || size > config.maxPageSize()) {
            throw invalid("limit", "limit must be a whole number from 1 to " + config.maxPageSize() + ", was '"
                    + abbreviate(limit) + "'");
        }
        return size;
    }

    private static UUID valueId(String text, String field) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the field at fault
        }
        throw invalid(field, field + " must be a UUID, was '" + abbreviate(text) + "'");
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail)
                .withErrors(List.of(new Problem.FieldError(field, detail))));
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
