/**
 * The trial model, the bottom of the module: what a trial is ({@link dev.schedtune.search.trial.FrozenTrial},
 * {@link dev.schedtune.search.trial.TrialState}), the directions of a study's objectives, and what samplers
 * and pruners see of a study ({@link dev.schedtune.search.trial.StudyView}, its trials and random streams).
 * Samplers, pruners, storages and analyses depend on this package; it depends on none of them.
 */
@NullMarked
package dev.schedtune.search.trial;

import org.jspecify.annotations.NullMarked;
