package dev.schedtune.search.sampler.gp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * A Gaussian process with fixed kernel parameters conditioned on observations {@code (X, y)}: the
 * posterior mean {@code k(x, X) α} with {@code α = C⁻¹ y}, and variance {@code scale - |L⁻¹ k(X, x)|²},
 * where {@code C = K(X, X) + noise I = L Lᵀ} (EJML's Cholesky factorisation and triangular solve).
 */
final class GaussianProcess {
    final KernelParams params;
    final boolean[] categorical;
    final double[][] x;
    final double[] y;
    /** The lower Cholesky factor of {@code C}, row-major n × n. */
    private final double[] lower;

    private final double[] alpha;

    private GaussianProcess(
            KernelParams params, boolean[] categorical, double[][] x, double[] y, double[] lower, double[] alpha) {
        this.params = params;
        this.categorical = categorical;
        this.x = x;
        this.y = y;
        this.lower = lower;
        this.alpha = alpha;
    }

    /**
     * Conditions the process on {@code (x, y)}.
     *
     * @throws IllegalStateException if the covariance matrix is not positive definite
     */
    static GaussianProcess condition(KernelParams params, boolean[] categorical, double[][] x, double[] y) {
        int n = x.length;
        DMatrixRMaj c = covariance(params, categorical, x);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(c)) {
            throw new IllegalStateException("kernel matrix is not positive definite");
        }
        double[] lower = chol.getT(null).data;
        double[] alpha = y.clone();
        TriangularSolver_DDRM.solveL(lower, alpha, n);
        TriangularSolver_DDRM.solveTranL(lower, alpha, n);
        return new GaussianProcess(params, categorical, x, y, lower, alpha);
    }

    /** {@code K(X, X) + noise I}. */
    static DMatrixRMaj covariance(KernelParams params, boolean[] categorical, double[][] x) {
        int n = x.length;
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            c.unsafe_set(i, i, params.scale() + params.noise());
            for (int j = 0; j < i; j++) {
                double k = params.scale()
                        * Matern52.value(
                                Matern52.squaredDistance(x[i], x[j], params.inverseSquaredLengthScales(), categorical));
                c.unsafe_set(i, j, k);
                c.unsafe_set(j, i, k);
            }
        }
        return c;
    }

    /** This process's kernel conditioned on more points (e.g. running trials at their posterior means). */
    GaussianProcess with(double[][] moreX, double[] moreY) {
        double[][] allX = new double[x.length + moreX.length][];
        System.arraycopy(x, 0, allX, 0, x.length);
        System.arraycopy(moreX, 0, allX, x.length, moreX.length);
        double[] allY = new double[y.length + moreY.length];
        System.arraycopy(y, 0, allY, 0, y.length);
        System.arraycopy(moreY, 0, allY, y.length, moreY.length);
        return condition(params, categorical, allX, allY);
    }

    int size() {
        return x.length;
    }

    /**
     * Posterior mean and variance at {@code point}, written to {@code out[0]} and {@code out[1]};
     * {@code scratch} must have {@link #size()} elements.
     */
    void posterior(double[] point, double[] scratch, double[] out) {
        int n = x.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            double k = params.scale()
                    * Matern52.value(
                            Matern52.squaredDistance(point, x[i], params.inverseSquaredLengthScales(), categorical));
            scratch[i] = k;
            mean += k * alpha[i];
        }
        TriangularSolver_DDRM.solveL(lower, scratch, n);
        double explained = 0;
        for (int i = 0; i < n; i++) {
            explained += scratch[i] * scratch[i];
        }
        out[0] = mean;
        out[1] = Math.max(0, params.scale() - explained);
    }

    /** Posterior mean at {@code point}. */
    double mean(double[] point) {
        double[] out = new double[2];
        posterior(point, new double[x.length], out);
        return out[0];
    }
}
