/** A local pool of worker JVMs that run training jobs in parallel (DJL's autograd and RNGs are process-global). */
@NullMarked
package dev.schedtune.trainers.pool;

import org.jspecify.annotations.NullMarked;
