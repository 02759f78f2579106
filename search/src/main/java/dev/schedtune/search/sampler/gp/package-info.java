/**
 * The Gaussian-process sampler ({@link dev.schedtune.search.sampler.gp.GpSampler}): a Matérn-5/2 ARD
 * Gaussian process per objective and constraint, fitted by maximum a posteriori with Optuna's priors,
 * log-EI or exact log-EHVI as acquisition, maximised by a jMetal genetic algorithm; conditional
 * parameters are modelled in the union search space.
 */
@NullMarked
package dev.schedtune.search.sampler.gp;

import org.jspecify.annotations.NullMarked;
