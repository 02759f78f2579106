/**
 * Population-based training (Jaderberg et al., 2017; Ray Tune's {@code PopulationBasedTraining}) as a
 * study: a population of members trains side by side, and every few epochs the worst copy the best
 * (weights and all) and perturb their hyperparameters, so the hyperparameters' schedule is discovered
 * while training. The engine (who copies whom, when) lives here, with no training code: a {@link
 * dev.schedtune.search.pbt.MemberTrainer} trains one member for one interval.
 */
@NullMarked
package dev.schedtune.search.pbt;

import org.jspecify.annotations.NullMarked;
