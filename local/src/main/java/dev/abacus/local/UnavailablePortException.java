package dev.abacus.local;

/** A port the runner must listen on is taken (or otherwise cannot be bound); the message names the option to change it. */
final class UnavailablePortException extends RuntimeException {
    UnavailablePortException(String message, Throwable cause) {
        super(message, cause);
    }
}
