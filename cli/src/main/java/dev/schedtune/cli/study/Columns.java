package dev.schedtune.cli.study;

import java.util.ArrayList;
import java.util.List;

/** Tab-separated lines printed as aligned columns. */
final class Columns {
    private Columns() {}

    static String align(List<String> lines) {
        List<String[]> rows = new ArrayList<>();
        int columns = 0;
        for (String l : lines) {
            String[] cells = l.split("\t", -1);
            rows.add(cells);
            columns = Math.max(columns, cells.length);
        }
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                l.append(r[i]);
                if (i < r.length - 1) {
                    l.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            b.append(l.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
