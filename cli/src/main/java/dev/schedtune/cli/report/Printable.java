package dev.schedtune.cli.report;

/**
 * Text from a study made safe to print on one line, to a terminal or into a YAML comment. Names and values
 * stored in a study come from whoever wrote it (another tool, another user): an ANSI escape there would
 * drive the terminal, and a line break (also Unicode's U+0085, U+2028, U+2029, which YAML counts as line
 * breaks) would end a comment and inject YAML. Every control character (C0 and C1), line or paragraph
 * separator and bidirectional override becomes {@code ?}.
 */
public final class Printable {
    private Printable() {}

    /** {@code s} with every character that could break a line or drive a terminal replaced by {@code ?}. */
    public static String oneLine(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean unsafe(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
