package dev.abacus.kubectl;

/** The command line cannot be run as given: bad usage, or a request that would do nothing sensible. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
