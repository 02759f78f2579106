/**
 * Evolutionary samplers driven by jMetal 6.6 components through an ask/tell bridge: {@link
 * dev.schedtune.search.sampler.jmetal.Nsga2Sampler} (generational NSGA-II) and {@link
 * dev.schedtune.search.sampler.jmetal.SmsEmoaSampler} (steady-state SMS-EMOA).
 *
 * <p>The bridge keeps the loop state in the study (generation numbers in trial system attributes,
 * parent lists in study system attributes) and calls jMetal only for pure functions of a population:
 * ranking, density estimation, replacement, tournament, SBX crossover, polynomial mutation. Parameters
 * are normalised to [0, 1] by their distributions ({@code toUnit}/{@code fromUnit}: log scales in log
 * space, steps and integers on equal cells); categorical parameters are genes of their own, crossed
 * uniformly and mutated by a uniform redraw. jMetal minimises and treats a constraint {@code < 0} as
 * violated: maximised objectives are negated and our constraints ({@code <= 0} feasible) are negated
 * too. Every random decision draws from the trial's own stream, never from jMetal's global {@code
 * JMetalRandom}.
 */
@NullMarked
package dev.schedtune.search.sampler.jmetal;

import org.jspecify.annotations.NullMarked;
