package dev.schedtune.search.sampler.gp;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Fits the kernel parameters by maximum a posteriori, as Optuna's {@code fit_kernel_params}: minimise
 * {@code -log p(y | X, θ) - log prior(θ)} over the raw parameters {@code θ = (log λ_1..d, log scale,
 * log(noise - minimum))}, with Optuna's {@code default_log_prior}:
 * {@code -Σ (0.1/λ + 0.1 λ) + Gamma(scale; 2, 1) + Gamma(noise; 1.1, 30)} (constants dropped), from
 * Optuna's starting point (every parameter 1).
 *
 * <p>The gradient is analytic ({@code ∂ log p/∂θ = ½ tr((ααᵀ - C⁻¹) ∂C/∂θ)}); the optimiser is
 * commons-math3's Polak-Ribière non-linear conjugate gradient (Optuna uses SciPy's L-BFGS-B, which no
 * well-kept Java library offers). The result is the best point evaluated, so an optimiser that stops on
 * its evaluation limit still returns its progress; if nothing beats the start, the start (Optuna's
 * fallback) is returned.
 */
final class KernelFit {
    /** Optuna's {@code DEFAULT_MINIMUM_NOISE_VAR}. */
    static final double MINIMUM_NOISE = 1e-6;

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final int MAX_EVALUATIONS = 2000;

    private KernelFit() {}

    /** The MAP kernel parameters for standardised observations {@code y} at {@code x}. */
    static KernelParams fit(double[][] x, double[] y, boolean[] categorical, boolean deterministic) {
        int d = categorical.length;
        Objective objective = new Objective(x, y, categorical, deterministic);
        double[] start = new double[d + 2];
        // log λ = 0, log scale = 0, noise = 1: raw noise log(1 - 0.99 minimum), as Optuna's first fit.
        start[d + 1] = Math.log(1 - 0.99 * MINIMUM_NOISE);
        objective.value(start);
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                // Loose tolerances, as Optuna's gtol 1e-2: ~80 evaluations at 80 trials, the loss within
                // ~0.03 of what tolerances 100x tighter reach with twice the evaluations.
                new SimpleValueChecker(1e-4, 1e-3),
                1e-2,
                1e-3,
                1e-1);
        try {
            optimizer.optimize(
                    new MaxEval(MAX_EVALUATIONS),
                    new MaxIter(MAX_EVALUATIONS),
                    new ObjectiveFunction(objective::value),
                    new ObjectiveFunctionGradient(objective::gradient),
                    GoalType.MINIMIZE,
                    new InitialGuess(start));
        } catch (MathIllegalStateException e) {
            // evaluation limit or a line search that could not bracket: keep the best point seen
        }
        return objective.best.length == 0 ? KernelParams.defaults(d) : objective.params(objective.best);
    }

    /** The loss {@code -log p(y|X,θ) - log prior(θ)} at raw parameters θ (for tests and references). */
    static double loss(double[][] x, double[] y, boolean[] categorical, boolean deterministic, double[] raw) {
        return new Objective(x, y, categorical, deterministic).value(raw);
    }

    /** Its gradient. */
    static double[] gradient(double[][] x, double[] y, boolean[] categorical, boolean deterministic, double[] raw) {
        return new Objective(x, y, categorical, deterministic).gradient(raw);
    }

    /** The negative log posterior with its gradient, evaluated together and cached by point. */
    private static final class Objective {
        private final int n;
        private final int d;
        private final double[] y;
        private final boolean deterministic;
        /** Per dimension, the distances of the pairs i > j, in row order. */
        private final double[][] distances;

        private double[] lastPoint = new double[0];
        private double lastValue;
        private double[] lastGradient = new double[0];
        double[] best = new double[0];
        private double bestValue = Double.POSITIVE_INFINITY;

        Objective(double[][] x, double[] y, boolean[] categorical, boolean deterministic) {
            this.n = x.length;
            this.d = categorical.length;
            this.y = y;
            this.deterministic = deterministic;
            int pairs = n * (n - 1) / 2;
            this.distances = new double[d][pairs];
            for (int k = 0; k < d; k++) {
                int p = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        distances[k][p++] = Matern52.distance(x[i][k], x[j][k], categorical[k]);
                    }
                }
            }
        }

        KernelParams params(double[] raw) {
            double[] lambda = new double[d];
            for (int k = 0; k < d; k++) {
                lambda[k] = Math.exp(raw[k]);
            }
            return new KernelParams(lambda, Math.exp(raw[d]), noise(raw));
        }

        private double noise(double[] raw) {
            return deterministic ? MINIMUM_NOISE : Math.exp(raw[d + 1]) + MINIMUM_NOISE;
        }

        double value(double[] raw) {
            evaluate(raw);
            return lastValue;
        }

        double[] gradient(double[] raw) {
            evaluate(raw);
            return lastGradient.clone();
        }

        private void evaluate(double[] raw) {
            if (java.util.Arrays.equals(raw, lastPoint)) {
                return;
            }
            lastPoint = raw.clone();
            lastGradient = new double[d + 2];
            double[] lambda = new double[d];
            for (int k = 0; k < d; k++) {
                lambda[k] = Math.exp(raw[k]);
            }
            double scale = Math.exp(raw[d]);
            double noise = noise(raw);
            int pairs = n * (n - 1) / 2;
            double[] r2 = new double[pairs];
            for (int k = 0; k < d; k++) {
                double l = lambda[k];
                double[] dk = distances[k];
                for (int p = 0; p < pairs; p++) {
                    r2[p] += l * dk[p];
                }
            }
            DMatrixRMaj c = new DMatrixRMaj(n, n);
            int p = 0;
            for (int i = 0; i < n; i++) {
                c.unsafe_set(i, i, scale + noise);
                for (int j = 0; j < i; j++) {
                    double v = scale * Matern52.value(r2[p++]);
                    c.unsafe_set(i, j, v);
                    c.unsafe_set(j, i, v);
                }
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            double logPrior = 0;
            for (int k = 0; k < d; k++) {
                logPrior -= 0.1 / lambda[k] + 0.1 * lambda[k];
            }
            logPrior += Math.log(scale) - scale;
            logPrior += 0.1 * Math.log(noise) - 30 * noise;
            if (!chol.decompose(c) || !(logPrior > Double.NEGATIVE_INFINITY)) {
                lastValue = 1e100;
                return;
            }
            double[] lower = chol.getT(null).data;
            double logDet = 0;
            for (int i = 0; i < n; i++) {
                logDet += 2 * Math.log(lower[i * n + i]);
            }
            double[] alpha = y.clone();
            TriangularSolver_DDRM.solveL(lower, alpha, n);
            double quad = 0;
            for (double a : alpha) {
                quad += a * a;
            }
            TriangularSolver_DDRM.solveTranL(lower, alpha, n);
            double logLikelihood = -0.5 * logDet - 0.5 * quad - 0.5 * n * LOG_2PI;
            lastValue = -logLikelihood - logPrior;
            if (!Double.isFinite(lastValue)) {
                lastValue = 1e100;
                return;
            }
            if (lastValue < bestValue) {
                bestValue = lastValue;
                best = raw.clone();
            }
            // W = α αᵀ - C⁻¹, with C⁻¹ = L⁻ᵀ L⁻¹.
            DMatrixRMaj inverseLower = new DMatrixRMaj(n, n);
            inverseLower.data = lower.clone();
            TriangularSolver_DDRM.invertLower(inverseLower.data, n);
            DMatrixRMaj inverse = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(inverseLower, inverseLower, inverse);
            double[] g = lastGradient;
            double traceW = 0;
            double scaleTerm = 0;
            p = 0;
            for (int i = 0; i < n; i++) {
                double wii = alpha[i] * alpha[i] - inverse.unsafe_get(i, i);
                traceW += wii;
                scaleTerm += 0.5 * wii * scale;
                for (int j = 0; j < i; j++) {
                    double w = alpha[i] * alpha[j] - inverse.unsafe_get(i, j);
                    scaleTerm += w * scale * Matern52.value(r2[p]);
                    double common = w * scale * Matern52.derivative(r2[p]);
                    for (int k = 0; k < d; k++) {
                        g[k] += common * distances[k][p];
                    }
                    p++;
                }
            }
            for (int k = 0; k < d; k++) {
                // ∂/∂ log λ_k of the log likelihood and of the prior; the loss is their negative.
                g[k] = -(g[k] * lambda[k]) - (0.1 / lambda[k] - 0.1 * lambda[k]);
            }
            g[d] = -scaleTerm - (1 - scale);
            g[d + 1] = deterministic ? 0 : -(0.5 * traceW + (0.1 / noise - 30)) * Math.exp(raw[d + 1]);
        }
    }
}
