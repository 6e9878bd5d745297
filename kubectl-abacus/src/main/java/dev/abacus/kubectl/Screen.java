package dev.abacus.kubectl;

import java.io.PrintStream;
import java.util.List;

/**
 * Where successive renderings go. On a terminal each one replaces the last (cursor home, clear screen); otherwise
 * each one that differs from the last is appended as plain lines, a blank line between them, without ANSI codes.
 */
final class Screen {

    static final String CLEAR = "\033[H\033[2J";

    private final PrintStream out;
    private final boolean terminal;
    private List<String> shown;

    Screen(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    boolean terminal() {
        return terminal;
    }

    void show(List<String> lines) {
        if (lines.equals(shown)) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (terminal) {
            text.append(CLEAR);
        } else if (shown != null) {
            text.append(System.lineSeparator());
        }
        lines.forEach(line -> text.append(line).append(System.lineSeparator()));
        out.print(text);
        out.flush();
        shown = List.copyOf(lines);
    }
}
