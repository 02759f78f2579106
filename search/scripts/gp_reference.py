#!/usr/bin/python3
"""Reference values for GpSamplerReferenceTest (search/src/test/.../sampler/gp/gp-reference.txt).

Run with Debian's python3 (scikit-learn 1.2, SciPy 1.10, mpmath 1.2):

    /usr/bin/python3 search/scripts/gp_reference.py > search/src/test/resources/dev/schedtune/search/sampler/gp/gp-reference.txt

Sections (one "name values..." line each, whitespace separated):
  * posterior: scikit-learn's GaussianProcessRegressor with a fixed ConstantKernel * Matern(nu=2.5, ARD) and
    alpha = noise, on numeric data: posterior mean and variance at test points; and its
    log_marginal_likelihood at the same kernel parameters.
  * mixed: the same formula with Optuna's Hamming distance for a categorical column and the imputation of
    absent values (numeric at 0.5, categorical as its own category), in NumPy (no library has it).
  * logh / logcdf: log(z Phi(z) + phi(z)) and log Phi(z) in 50-digit arithmetic (mpmath).
  * ehvi: expected hypervolume improvement of independent Gaussians over a front, by Monte Carlo
    (4,000,000 draws, with its standard error), for 2 and 3 objectives.
"""
import numpy as np
import mpmath
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern

mpmath.mp.dps = 50
rng = np.random.default_rng(20240601)


def row(name, values):
    print(name, " ".join(repr(float(v)) for v in np.ravel(values)))


# --- posterior, numeric: scikit-learn -------------------------------------------------------------
n, d = 12, 3
X = rng.uniform(size=(n, d))
y = np.sin(4 * X[:, 0]) + X[:, 1] ** 2 - 0.5 * X[:, 2] + 0.05 * rng.normal(size=n)
y = (y - y.mean()) / y.std()
inv_sq_ls = np.array([2.0, 0.5, 7.0])
scale, noise = 1.3, 0.01
kernel = ConstantKernel(scale, "fixed") * Matern(length_scale=1 / np.sqrt(inv_sq_ls), nu=2.5,
                                                  length_scale_bounds="fixed")
gpr = GaussianProcessRegressor(kernel=kernel, alpha=noise, optimizer=None, normalize_y=False).fit(X, y)
Xt = rng.uniform(size=(5, d))
mean, std = gpr.predict(Xt, return_std=True)
row("posterior.x", X)
row("posterior.y", y)
row("posterior.params", np.concatenate([inv_sq_ls, [scale, noise]]))
row("posterior.test", Xt)
row("posterior.mean", mean)
row("posterior.var", std ** 2)
row("posterior.mll", [gpr.log_marginal_likelihood_value_])


# --- mixed: Hamming for categoricals, imputation for absent values (NumPy) -------------------------
def matern52(r2):
    s = np.sqrt(5 * r2)
    return np.exp(-s) * (5 / 3 * r2 + s + 1)


def dist(a, b, categorical):
    out = np.zeros((len(a), len(b)))
    for k, cat in enumerate(categorical):
        ak, bk = a[:, k][:, None], b[:, k][None, :]
        if cat:
            na, nb = np.isnan(ak), np.isnan(bk)
            out_k = np.where(na | nb, np.where(na & nb, 0.0, 1.0), (ak != bk).astype(float))
        else:
            out_k = (np.where(np.isnan(ak), 0.5, ak) - np.where(np.isnan(bk), 0.5, bk)) ** 2
        yield k, out_k


def kernel_matrix(a, b, lam, scale, categorical):
    r2 = np.zeros((len(a), len(b)))
    for k, dk in dist(a, b, categorical):
        r2 += lam[k] * dk
    return scale * matern52(r2)


categorical = [False, True, False]
Xm = np.column_stack([rng.uniform(size=10), rng.integers(0, 3, size=10).astype(float), rng.uniform(size=10)])
Xm[Xm[:, 1] == 0, 2] = np.nan  # the third parameter is absent when the category is 0
ym = Xm[:, 0] * 2 + (Xm[:, 1] == 2) - np.nan_to_num(Xm[:, 2]) + 0.1 * rng.normal(size=10)
ym = (ym - ym.mean()) / ym.std()
lam_m, scale_m, noise_m = np.array([1.5, 0.8, 3.0]), 0.9, 0.02
C = kernel_matrix(Xm, Xm, lam_m, scale_m, categorical) + noise_m * np.eye(10)
Xmt = np.array([[0.3, 1.0, 0.7], [0.9, 0.0, np.nan], [0.1, 2.0, 0.05]])
K = kernel_matrix(Xmt, Xm, lam_m, scale_m, categorical)
Cinv = np.linalg.inv(C)
row("mixed.x", Xm)
row("mixed.y", ym)
row("mixed.params", np.concatenate([lam_m, [scale_m, noise_m]]))
row("mixed.test", Xmt)
row("mixed.mean", K @ Cinv @ ym)
row("mixed.var", scale_m - np.einsum("ij,jk,ik->i", K, Cinv, K))
sign, logdet = np.linalg.slogdet(C)
row("mixed.mll", [-0.5 * logdet - 0.5 * ym @ Cinv @ ym - 0.5 * 10 * np.log(2 * np.pi)])

# --- log h(z), log Phi(z): 50 digits --------------------------------------------------------------
zs = [-60.0, -30.0, -12.0, -6.0, -5.0, -4.9, -2.0, -0.5, 0.0, 0.7, 3.0, 9.0]
row("logh.z", zs)
row("logh.value", [mpmath.log(z * mpmath.ncdf(z) + mpmath.npdf(z)) for z in map(mpmath.mpf, zs)])
row("logcdf.value", [mpmath.log(mpmath.ncdf(mpmath.mpf(z))) for z in zs])


# --- EHVI by Monte Carlo --------------------------------------------------------------------------
def hvi_cells(front, ref, ys):
    """Hypervolume improvement of each row of ys over front (objectives minimised): the cells of the full
    grid of the front's coordinates (lowest cell open below) that no front point dominates, each clipped
    to the part y dominates."""
    m = len(ref)
    axes = [np.concatenate([[-np.inf], np.unique(front[:, j]), [ref[j]]]) for j in range(m)]
    hvi = np.zeros(len(ys))
    for idx in np.ndindex(*[len(a) - 1 for a in axes]):
        lo = np.array([axes[j][idx[j]] for j in range(m)])
        hi = np.array([axes[j][idx[j] + 1] for j in range(m)])
        if np.any(np.all(front <= lo, axis=1)):
            continue
        vol = np.ones(len(ys))
        for j in range(m):
            vol *= np.clip(hi[j] - np.maximum(ys[:, j], lo[j]), 0, None)
        hvi += vol
    return hvi


for m, draws in ((2, 4_000_000), (3, 2_000_000)):
    front = rng.uniform(size=(5, m))
    ref = np.full(m, 1.2)
    mu = rng.uniform(0.3, 0.7, size=m)
    sd = rng.uniform(0.1, 0.3, size=m)
    ys = mu + sd * rng.normal(size=(draws, m))
    hvi = hvi_cells(front, ref, ys)
    row(f"ehvi{m}.front", front)
    row(f"ehvi{m}.ref", ref)
    row(f"ehvi{m}.mean", mu)
    row(f"ehvi{m}.sd", sd)
    row(f"ehvi{m}.value", [hvi.mean(), hvi.std() / np.sqrt(draws)])
