package dev.schedtune.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws with Java2D (headless) into an image, antialiased, at {@code scale} device pixels per unit. */
final class PngCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    PngCanvas(int width, int height, double scale) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(
                (int) Math.round(width * scale), (int) Math.round(height * scale), BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
    }

    byte[] finish() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }

    private void use(Stroke s) {
        g.setColor(color(s.color()));
        float w = (float) s.width();
        g.setStroke(
                s.dashed()
                        ? new BasicStroke(
                                w,
                                BasicStroke.CAP_BUTT,
                                BasicStroke.JOIN_ROUND,
                                10f,
                                new float[] {3 * w + 1, 3 * w + 1},
                                0f)
                        : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, Stroke stroke) {
        if (!fill.equals("none")) {
            fill(x, y, w, h, fill);
        }
        use(stroke);
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void fill(double x, double y, double w, double h, String fill) {
        g.setColor(color(fill));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        use(stroke);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Stroke stroke) {
        use(stroke);
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                pen = false;
            } else if (pen) {
                path.lineTo(xs[i], ys[i]);
            } else {
                path.moveTo(xs[i], ys[i]);
                path.lineTo(xs[i], ys[i]);
                pen = true;
            }
        }
        g.draw(path);
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, Stroke stroke) {
        Ellipse2D.Double c = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(color(fill));
        g.fill(c);
        use(stroke);
        g.draw(c);
    }

    @Override
    public void text(double x, double y, String text, Font font, Anchor anchor, double degrees) {
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, font.bold() ? java.awt.Font.BOLD : java.awt.Font.PLAIN, 1)
                .deriveFont((float) font.size()));
        g.setColor(color(font.color()));
        double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -width / 2 : -width;
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (degrees != 0) {
            g.rotate(Math.toRadians(degrees));
        }
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }
}
