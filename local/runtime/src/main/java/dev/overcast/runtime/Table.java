package dev.overcast.runtime;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns, two spaces apart, indented by two: the CLI's and the demo's tables. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        rows.add(header);
    }

    public void row(String... cells) {
        rows.add(cells);
    }

    public void renderTo(StringBuilder out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(i == row.length - 1 ? row[i] : ("%-" + widths[i] + "s ").formatted(row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
