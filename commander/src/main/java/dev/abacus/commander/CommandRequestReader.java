package dev.abacus.commander;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;

/**
 * Binds a route's {@link CommandRequest} body: {@link CommandRequests} reads it strictly and validates it, instead of
 * the lenient general-purpose JSON reader. Its Content-Type was judged before ({@link CommandContentTypeFilter}).
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class CommandRequestReader<T extends CommandRequest> implements MessageBodyReader<T> {

    private final Validator validator;

    CommandRequestReader(Validator validator) {
        this.validator = validator;
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) {
        try {
            return CommandRequests.read(inputStream.readAllBytes(), type.getType(), validator);
        } catch (IOException e) {
            throw new CodecException("the body could not be read", e);
        }
    }
}
