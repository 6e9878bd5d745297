package dev.abacus.domain;

/** A record that cannot be read as the message it should be; never fatal to a consumer. */
public final class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
