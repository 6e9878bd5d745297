package dev.abacus.domain;

/** Why a command produced no event. Machine-readable; clients switch on it. */
public enum RejectionReason {
    /** CreateValue for an id that already has a value. */
    VALUE_ALREADY_EXISTS,
    /** UpdateValue for an id with no value. */
    VALUE_NOT_FOUND,
    /** The value or result is NaN or infinite. */
    NON_FINITE_RESULT,
    /** The record on the commands topic could not be read as a command. */
    INVALID
}
