package dev.schedtune.search.problem;

import java.util.Locale;

/**
 * Test functions whose every objective is minimised: ZDT1, ZDT2, ZDT3 (Zitzler, Deb, Thiele 2000; 6
 * variables in [0, 1], 2 objectives), DTLZ2 (Deb, Thiele, Laumanns, Zitzler 2002; 7 variables in [0, 1], 3
 * objectives) and {@code sphere} (4 variables in [-5, 5], 1 objective: the sum of squares). The formulas
 * are written exactly as in search/bench/bench.py, so Optuna and we solve the same functions there.
 */
public enum BenchmarkProblem {
    SPHERE(4, 1, -5, 5),
    ZDT1(6, 2, 0, 1),
    ZDT2(6, 2, 0, 1),
    ZDT3(6, 2, 0, 1),
    DTLZ2(7, 3, 0, 1);

    private final int variables;
    private final int objectives;
    private final double low;
    private final double high;

    BenchmarkProblem(int variables, int objectives, double low, double high) {
        this.variables = variables;
        this.objectives = objectives;
        this.low = low;
        this.high = high;
    }

    public int variables() {
        return variables;
    }

    public int objectives() {
        return objectives;
    }

    /** The lower bound of every variable. */
    public double low() {
        return low;
    }

    /** The upper bound of every variable. */
    public double high() {
        return high;
    }

    /** The name in lower case, as configs write it: {@code zdt1}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The problem {@code name} names, in any case. */
    public static BenchmarkProblem parse(String name) {
        for (BenchmarkProblem p : values()) {
            if (p.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "benchmark problem '" + name + "' is unknown; use sphere, zdt1, zdt2, zdt3 or dtlz2");
    }

    /** The objectives at {@code x} ({@link #variables()} values). */
    public double[] evaluate(double[] x) {
        return switch (this) {
            case SPHERE -> sphere(x);
            case DTLZ2 -> dtlz2(x, objectives);
            default -> zdt(x);
        };
    }

    private static double[] sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return new double[] {s};
    }

    private double[] zdt(double[] x) {
        double f1 = x[0];
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += x[i];
        }
        double g = 1 + 9 * sum / (x.length - 1);
        double h = f1 / g;
        double f2 = switch (this) {
            case ZDT1 -> g * (1 - Math.sqrt(h));
            case ZDT2 -> g * (1 - h * h);
            default -> g * (1 - Math.sqrt(h) - h * Math.sin(10 * Math.PI * f1));
        };
        return new double[] {f1, f2};
    }

    private static double[] dtlz2(double[] x, int m) {
        double g = 0;
        for (int i = m - 1; i < x.length; i++) {
            g += (x[i] - 0.5) * (x[i] - 0.5);
        }
        double[] f = new double[m];
        for (int i = 0; i < m; i++) {
            double v = 1 + g;
            for (int j = 0; j < m - 1 - i; j++) {
                v *= Math.cos(x[j] * Math.PI / 2);
            }
            if (i > 0) {
                v *= Math.sin(x[m - 1 - i] * Math.PI / 2);
            }
            f[i] = v;
        }
        return f;
    }
}
