package dev.abacus.domain;

/** The decider's answer to a command. */
public sealed interface Decision permits Decision.Accept, Decision.Reject {

    record Accept(Event event) implements Decision {}

    record Reject(RejectionReason reason, String detail) implements Decision {}
}
