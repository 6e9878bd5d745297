package dev.abacus.kubectl;

/** What {@code kubectl abacus} exits with. */
public final class ExitCode {

    /** Done; for {@code rebuild --wait}: the new generation serves and the view is Stable again. */
    public static final int OK = 0;
    /** {@code rebuild --wait}: the rebuild ended Aborted, Cancelled or Superseded (or never started). */
    public static final int REBUILD_FAILED = 1;
    /** Bad usage, a refused request, or an API error. */
    public static final int ERROR = 2;

    private ExitCode() {
    }
}
