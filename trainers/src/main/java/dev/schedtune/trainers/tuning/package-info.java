/**
 * The objective glue between the search engine and training: a tunable schedule template bound to a
 * task, each trial's schedule trained (in this JVM or in a worker pool), per-epoch validation loss
 * reported for pruning, and the objectives the study asked for returned.
 */
@NullMarked
package dev.schedtune.trainers.tuning;

import org.jspecify.annotations.NullMarked;
