/** The DJL PyTorch engine set up offline, its threads, and schedules as DJL trackers. */
@NullMarked
package dev.schedtune.trainers.djl;

import org.jspecify.annotations.NullMarked;
