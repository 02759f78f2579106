package dev.schedtune.cli.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, numbers right-aligned, cells {@link Printable}. */
final class TextTable {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, boolean... rightAligned) {
        this.headers = headers.stream().map(Printable::oneLine).toList();
        this.right = new boolean[headers.size()];
        for (int i = 0; i < Math.min(rightAligned.length, right.length); i++) {
            right[i] = rightAligned[i];
        }
    }

    TextTable row(List<String> cells) {
        rows.add(cells.stream().map(Printable::oneLine).toList());
        return this;
    }

    String render(String indent) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, indent, headers, width);
        for (List<String> r : rows) {
            line(b, indent, r, width);
        }
        return b.toString();
    }

    private void line(StringBuilder b, String indent, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(right[i] ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
            if (i < cells.size() - 1) {
                l.append("  ");
            }
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
