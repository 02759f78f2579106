package dev.schedtune.export;

import java.util.Locale;

/** Writes SVG 1.1 markup; coordinates are rounded to 0.01 px to keep files small. */
final class SvgCanvas implements Canvas {
    private static final String FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private final StringBuilder out = new StringBuilder();
    private int clips;
    private boolean clipped;

    SvgCanvas(int width, int height, String title) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"")
                .append(FONT_FAMILY)
                .append("\">\n<title>")
                .append(escape(title))
                .append("</title>\n");
    }

    String finish() {
        if (clipped) {
            unclip();
        }
        return out.append("</svg>\n").toString();
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, Stroke stroke) {
        openRect(x, y, w, h, fill);
        stroke(stroke);
        out.append("/>\n");
    }

    @Override
    public void fill(double x, double y, double w, double h, String fill) {
        openRect(x, y, w, h, fill);
        out.append("/>\n");
    }

    private void openRect(double x, double y, double w, double h, String fill) {
        out.append("<rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(w))
                .append("\" height=\"")
                .append(n(h))
                .append("\" fill=\"")
                .append(fill)
                .append('"');
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        out.append("<line x1=\"")
                .append(n(x1))
                .append("\" y1=\"")
                .append(n(y1))
                .append("\" x2=\"")
                .append(n(x2))
                .append("\" y2=\"")
                .append(n(y2))
                .append('"');
        stroke(stroke);
        out.append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, Stroke stroke) {
        int i = 0;
        while (i < count) {
            while (i < count && (Double.isNaN(xs[i]) || Double.isNaN(ys[i]))) {
                i++;
            }
            int start = i;
            while (i < count && !Double.isNaN(xs[i]) && !Double.isNaN(ys[i])) {
                i++;
            }
            if (i - start >= 1) {
                out.append("<polyline fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
                for (int j = start; j < i; j++) {
                    out.append(j > start ? " " : "")
                            .append(n(xs[j]))
                            .append(',')
                            .append(n(ys[j]));
                }
                if (i - start == 1) {
                    out.append(' ').append(n(xs[start])).append(',').append(n(ys[start]));
                }
                out.append('"');
                stroke(stroke);
                out.append("/>\n");
            }
        }
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, Stroke stroke) {
        out.append("<circle cx=\"")
                .append(n(cx))
                .append("\" cy=\"")
                .append(n(cy))
                .append("\" r=\"")
                .append(n(r))
                .append("\" fill=\"")
                .append(fill)
                .append('"');
        stroke(stroke);
        out.append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, Font font, Anchor anchor, double degrees) {
        out.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" font-size=\"")
                .append(n(font.size()))
                .append("\" fill=\"")
                .append(font.color())
                .append('"');
        if (font.bold()) {
            out.append(" font-weight=\"bold\"");
        }
        if (anchor != Anchor.START) {
            out.append(" text-anchor=\"")
                    .append(anchor == Anchor.MIDDLE ? "middle" : "end")
                    .append('"');
        }
        if (degrees != 0) {
            out.append(" transform=\"rotate(")
                    .append(n(degrees))
                    .append(' ')
                    .append(n(x))
                    .append(' ')
                    .append(n(y))
                    .append(")\"");
        }
        out.append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        if (clipped) {
            unclip();
        }
        String id = "clip" + clips++;
        out.append("<clipPath id=\"")
                .append(id)
                .append("\"><rect x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(w))
                .append("\" height=\"")
                .append(n(h))
                .append("\"/></clipPath>\n")
                .append("<g clip-path=\"url(#")
                .append(id)
                .append(")\">\n");
        clipped = true;
    }

    @Override
    public void unclip() {
        if (clipped) {
            out.append("</g>\n");
            clipped = false;
        }
    }

    private void stroke(Stroke s) {
        out.append(" stroke=\"")
                .append(s.color())
                .append("\" stroke-width=\"")
                .append(n(s.width()))
                .append('"');
        if (s.dashed()) {
            out.append(" stroke-dasharray=\"")
                    .append(n(3 * s.width() + 1))
                    .append(',')
                    .append(n(3 * s.width() + 1))
                    .append('"');
        }
    }

    private static String n(double v) {
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.2f", r).replaceAll("0+$", "");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
