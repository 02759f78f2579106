/**
 * Population-based training on a real task: the engine of {@code dev.schedtune.search.pbt} decides who
 * copies whom; here each member's interval is trained (in a worker pool or in this JVM) from the
 * checkpoint it copied, and the final best member's hyperparameter history becomes a schedule set that
 * retrains from scratch ({@link dev.schedtune.trainers.pbt.DiscoveredSchedule}).
 */
@NullMarked
package dev.schedtune.trainers.pbt;

import org.jspecify.annotations.NullMarked;
