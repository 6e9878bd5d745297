package dev.abacus.support.http;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a UUID from a path variable, query value or header only in its canonical 36-character form (any case). It
 * replaces Micronaut's converter, which takes {@link UUID#fromString}'s shorter forms ({@code 1-1-1-1-1}) and so
 * would name another value than the client wrote. A refusal is a conversion error the route's handler answers.
 */
@Singleton
final class CanonicalUuidConverter implements TypeConverter<CharSequence, UUID> {

    @Override
    public Optional<UUID> convert(CharSequence text, Class<UUID> targetType, ConversionContext context) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 36) {
                return Optional.of(UUID.fromString(text.toString()));
            }
            throw new IllegalArgumentException("a UUID has 36 characters");
        } catch (IllegalArgumentException e) {
            context.reject(text, e);
            return Optional.empty();
        }
    }
}
