package dev.schedtune.trainers.data;

import java.util.SplittableRandom;

/** Seeded generators of the synthetic tasks; every value depends only on the arguments. */
final class SyntheticTasks {
    private static final double SPIRAL_TURNS = 1.5;

    private SyntheticTasks() {}

    /**
     * Two interleaved spirals in the plane: row i of class k has radius t and angle {@code 2π·1.5·t +
     * kπ} with t uniform in [0, 1], plus Gaussian noise of deviation {@code noise} on each coordinate.
     */
    static Dataset twoSpirals(int samples, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[samples * 2];
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) {
            int k = i % 2;
            double t = random.nextDouble();
            double angle = 2 * Math.PI * SPIRAL_TURNS * t + k * Math.PI;
            x[2 * i] = (float) (t * Math.cos(angle) + noise * random.nextGaussian());
            x[2 * i + 1] = (float) (t * Math.sin(angle) + noise * random.nextGaussian());
            y[i] = k;
        }
        return Dataset.classification(x, 2, y, 2);
    }

    /**
     * Gaussian blobs: {@code centers} centres drawn uniformly from [-5, 5]^features, rows assigned to
     * centres in turn, each feature the centre's plus Gaussian noise of deviation {@code spread}.
     */
    static Dataset blobs(int samples, int features, int centers, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] c = new double[centers][features];
        for (double[] center : c) {
            for (int j = 0; j < features; j++) {
                center[j] = random.nextDouble(-5, 5);
            }
        }
        float[] x = new float[samples * features];
        int[] y = new int[samples];
        for (int i = 0; i < samples; i++) {
            int k = i % centers;
            for (int j = 0; j < features; j++) {
                x[i * features + j] = (float) (c[k][j] + spread * random.nextGaussian());
            }
            y[i] = k;
        }
        return Dataset.classification(x, features, y, centers);
    }

    /**
     * Teacher-student regression: inputs are standard Gaussian; targets are a random one-hidden-layer
     * tanh network ({@code features → hidden → outputs}, weights N(0, 1/fan-in)) of the inputs, plus
     * Gaussian noise of deviation {@code noise}. The size knobs are samples, features and hidden.
     */
    static Dataset teacherStudent(int samples, int features, int outputs, int hidden, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w1 = gaussianMatrix(hidden, features, 1 / Math.sqrt(features), random);
        double[][] w2 = gaussianMatrix(outputs, hidden, 1 / Math.sqrt(hidden), random);
        float[] x = new float[samples * features];
        float[] y = new float[samples * outputs];
        double[] row = new double[features];
        double[] h = new double[hidden];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < features; j++) {
                row[j] = random.nextGaussian();
                x[i * features + j] = (float) row[j];
            }
            for (int k = 0; k < hidden; k++) {
                double s = 0;
                for (int j = 0; j < features; j++) {
                    s += w1[k][j] * row[j];
                }
                h[k] = Math.tanh(s);
            }
            for (int o = 0; o < outputs; o++) {
                double s = 0;
                for (int k = 0; k < hidden; k++) {
                    s += w2[o][k] * h[k];
                }
                y[i * outputs + o] = (float) (s + noise * random.nextGaussian());
            }
        }
        return Dataset.regression(x, features, y, outputs);
    }

    private static double[][] gaussianMatrix(int rows, int cols, double scale, SplittableRandom random) {
        double[][] m = new double[rows][cols];
        for (double[] r : m) {
            for (int j = 0; j < cols; j++) {
                r[j] = scale * random.nextGaussian();
            }
        }
        return m;
    }
}
