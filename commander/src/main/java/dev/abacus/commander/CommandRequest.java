package dev.abacus.commander;

/** A command body: read strictly and validated by {@link CommandRequestReader} before a route sees it. */
sealed interface CommandRequest permits CreateValueRequest, UpdateValueRequest {}
