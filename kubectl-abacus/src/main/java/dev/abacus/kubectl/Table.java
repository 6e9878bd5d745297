package dev.abacus.kubectl;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned as {@code kubectl get} aligns them: upper-case headers, three spaces between columns. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("expected " + rows.get(0).length + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    List<String> lines() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], cell(row, c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(cell(row, c));
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - cell(row, c).length() + 3));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String cell(String[] row, int column) {
        return row[column] == null || row[column].isEmpty() ? "<none>" : row[column];
    }
}
