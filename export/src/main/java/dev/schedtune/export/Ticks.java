package dev.schedtune.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ranges, "nice" tick positions (1, 2, 5 × 10^k) and compact tick labels. */
final class Ticks {
    private Ticks() {}

    /** A value range with its ticks. */
    record Axis(double lo, double hi, double[] ticks, double step, boolean log) {
        /** Where {@code v} falls in the range, 0 at lo and 1 at hi (NaN for non-positive values on a log axis). */
        double fraction(double v) {
            if (log) {
                return v > 0 ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : Double.NaN;
            }
            return (v - lo) / (hi - lo);
        }

        String label(double v) {
            return log ? logLabel(v) : Ticks.label(v, step);
        }
    }

    static double nice(double raw) {
        double exp = Math.floor(Math.log10(raw));
        double base = Math.pow(10, exp);
        double f = raw / base;
        double nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nf * base;
    }

    /** A linear axis covering [min, max] with about {@code target} ticks; the ends snap to ticks. */
    static Axis linear(double min, double max, int target, boolean snapEnds) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = nice((max - min) / Math.max(1, target));
        double lo = snapEnds ? Math.floor(min / step + 1e-9) * step : min;
        double hi = snapEnds ? Math.ceil(max / step - 1e-9) * step : max;
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return new Axis(lo, hi, ticks.stream().mapToDouble(Double::doubleValue).toArray(), step, false);
    }

    /** A decade axis covering the positive range [min, max]. */
    static Axis log(double min, double max) {
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        if (hi <= lo) {
            hi = lo + 1;
        }
        List<Double> ticks = new ArrayList<>();
        int every = (int) Math.ceil((hi - lo) / 8);
        for (double e = lo; e <= hi; e += every) {
            ticks.add(Math.pow(10, e));
            if (hi - lo <= 2 && e < hi) {
                ticks.add(2 * Math.pow(10, e));
                ticks.add(5 * Math.pow(10, e));
            }
        }
        return new Axis(
                Math.pow(10, lo),
                Math.pow(10, hi),
                ticks.stream().mapToDouble(Double::doubleValue).sorted().toArray(),
                0,
                true);
    }

    /** A label for tick {@code v} on an axis with tick spacing {@code step}: {@code 0.05}, {@code 2e-4}, {@code 20k}. */
    static String label(double v, double step) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (step >= 1 && a >= 1e4 && a < 1e15) {
            return steps(v);
        }
        if (a < 1e-3 || a >= 1e6) {
            int exp = (int) Math.floor(Math.log10(a));
            double mantissa = v / Math.pow(10, exp);
            int digits = Math.max(0, (int) Math.ceil(-Math.log10(step / Math.pow(10, exp)) - 1e-9));
            String m = trim(String.format(Locale.ROOT, "%." + Math.min(digits, 6) + "f", mantissa));
            return m + "e" + exp;
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return trim(String.format(Locale.ROOT, "%." + Math.min(decimals, 12) + "f", v));
    }

    /** Step counts: {@code 500}, {@code 2500}, {@code 20k}, {@code 1.5M}. */
    static String steps(double v) {
        double a = Math.abs(v);
        if (a >= 1e6 && a % 1e5 == 0) {
            return trim(new BigDecimal(v / 1e6).toPlainString()) + "M";
        }
        if (a >= 1e4 && a % 100 == 0) {
            return trim(new BigDecimal(v / 1e3).toPlainString()) + "k";
        }
        return String.format(Locale.ROOT, "%d", (long) v);
    }

    static String logLabel(double v) {
        int exp = (int) Math.floor(Math.log10(v) + 1e-9);
        double mantissa = v / Math.pow(10, exp);
        if (exp >= -2 && exp <= 3) {
            return trim(new BigDecimal(String.format(Locale.ROOT, "%.6f", v)).toPlainString());
        }
        return trim(String.format(Locale.ROOT, "%.1f", mantissa)) + "e" + exp;
    }

    private static String trim(String s) {
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }
}
