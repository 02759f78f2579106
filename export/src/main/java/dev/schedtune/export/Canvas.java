package dev.schedtune.export;

/** The drawing operations a plot needs; implemented for SVG text and for a Java2D image. */
interface Canvas {
    enum Anchor {
        START,
        MIDDLE,
        END
    }

    /** A line style: colour as {@code #rrggbb}, width in pixels, dashed or solid. */
    record Stroke(String color, double width, boolean dashed) {
        static Stroke solid(String color, double width) {
            return new Stroke(color, width, false);
        }

        static Stroke dashed(String color, double width) {
            return new Stroke(color, width, true);
        }
    }

    /** A text style: size in pixels, weight, colour. */
    record Font(double size, boolean bold, String color) {}

    void rect(double x, double y, double w, double h, String fill, Stroke stroke);

    void fill(double x, double y, double w, double h, String fill);

    void line(double x1, double y1, double x2, double y2, Stroke stroke);

    /** A connected line through the points; NaN coordinates break it into separate runs. */
    void polyline(double[] xs, double[] ys, int n, Stroke stroke);

    void circle(double cx, double cy, double r, String fill, Stroke stroke);

    /** Text whose baseline starts, centres or ends at (x, y); rotated by {@code degrees} around (x, y). */
    void text(double x, double y, String text, Font font, Anchor anchor, double degrees);

    /** Restricts drawing to a rectangle until {@link #unclip()}. */
    void clip(double x, double y, double w, double h);

    void unclip();
}
