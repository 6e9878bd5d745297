package dev.abacus.commander;

/** A command body: read strictly and validated by {@link CommandRequestReader} before a route sees it. */
sealed interface CommandRequest permits CreateValueRequest, UpdateValueRequest {

    String FINITE = "a JSON number (never a string) that is finite in double range: 1e400 is refused";
}
