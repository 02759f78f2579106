/** The training loop: schedules drive every step; per-epoch validation; divergence, pruning and timing. */
@NullMarked
package dev.schedtune.trainers.train;

import org.jspecify.annotations.NullMarked;
