package dev.schedtune.search.bench;

import java.util.List;

/**
 * The benchmark problems of the sampler benchmark (minimise every objective, variables in [0, 1]):
 * ZDT1, ZDT2, ZDT3 (Zitzler, Deb, Thiele 2000) and DTLZ2 (Deb, Thiele, Laumanns, Zitzler 2002), written
 * exactly as in search/bench/bench.py so both sides solve the same functions.
 */
public enum Problem {
    ZDT1(6, 2),
    ZDT2(6, 2),
    ZDT3(6, 2),
    DTLZ2(7, 3);

    private final int variables;
    private final int objectives;

    Problem(int variables, int objectives) {
        this.variables = variables;
        this.objectives = objectives;
    }

    public int variables() {
        return variables;
    }

    public int objectives() {
        return objectives;
    }

    public static List<Problem> all() {
        return List.of(values());
    }

    public double[] evaluate(double[] x) {
        if (this == DTLZ2) {
            return dtlz2(x, objectives);
        }
        double f1 = x[0];
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += x[i];
        }
        double g = 1 + 9 * sum / (x.length - 1);
        double h = f1 / g;
        double f2;
        switch (this) {
            case ZDT1:
                f2 = g * (1 - Math.sqrt(h));
                break;
            case ZDT2:
                f2 = g * (1 - h * h);
                break;
            default:
                f2 = g * (1 - Math.sqrt(h) - h * Math.sin(10 * Math.PI * f1));
                break;
        }
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
