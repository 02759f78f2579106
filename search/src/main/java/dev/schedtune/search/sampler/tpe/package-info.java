/**
 * The Tree-structured Parzen Estimator sampler ({@link dev.schedtune.search.sampler.tpe.TpeSampler}):
 * univariate, multivariate and grouped, single- and multi-objective (MOTPE), with constraints and the
 * constant liar; incremental observation structures in primitive arrays.
 */
@NullMarked
package dev.schedtune.search.sampler.tpe;

import org.jspecify.annotations.NullMarked;
