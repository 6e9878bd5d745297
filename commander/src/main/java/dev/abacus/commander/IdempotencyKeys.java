package dev.abacus.commander;

import dev.abacus.contract.ProblemType;
import dev.abacus.support.http.Problem;
import dev.abacus.support.http.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Turns an {@code Idempotency-Key} into deterministic ids, so a retried request carries the same
 * command id (and for a create the same value id) and the processor answers it as a duplicate.
 * Keys are scoped to the principal and the target (create, or update of one value), so two
 * clients, or one key reused for another value, never collide.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {}

    static UUID commandIdForCreate(String principal, @Nullable String key) {
        return key == null ? UUID.randomUUID() : derive("abacus-command", principal, "create", key);
    }

    static UUID valueIdForCreate(String principal, @Nullable String key) {
        return key == null ? UUID.randomUUID() : derive("abacus-value", principal, "create", key);
    }

    static UUID commandIdForUpdate(String principal, UUID valueId, @Nullable String key) {
        return key == null ? UUID.randomUUID() : derive("abacus-command", principal, "update:" + valueId, key);
    }

    /** The key if present and well-formed; a 400 if present and not. */
    @Nullable
    static String validate(@Nullable String key) {
        if (key == null) {
            return null;
        }
        boolean printable = key.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (key.isEmpty() || key.length() > MAX_LENGTH || !printable) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                            HEADER + " must be 1-" + MAX_LENGTH + " printable ASCII characters")
                    .withErrors(List.of(new Problem.FieldError(HEADER, "must be 1-" + MAX_LENGTH + " printable ASCII characters"))));
        }
        return key;
    }

    private static UUID derive(String namespace, String principal, String target, String key) {
        String name = namespace + '\u0000' + principal + '\u0000' + target + '\u0000' + key;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
