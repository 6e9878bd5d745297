package dev.abacus.domain;

import java.time.Instant;
import java.util.UUID;

/** What became of one command: exactly one per command record. */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Rejected {
    UUID commandId();

    /** Null only for a record so broken that no value id could be read. */
    UUID valueId();

    Instant timestamp();

    /** The command produced {@code eventId}; {@code duplicate} when it had already been decided earlier. */
    record Accepted(
            UUID commandId, UUID valueId, UUID eventId, double value, long version, boolean duplicate, Instant timestamp)
            implements Outcome {}

    /** The command produced no event. */
    record Rejected(UUID commandId, UUID valueId, RejectionReason reason, String detail, Instant timestamp)
            implements Outcome {}
}
