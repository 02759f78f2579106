/** DJL optimizers whose every hyperparameter follows a {@code ScheduleSet} step by step, with PyTorch's update rules. */
@NullMarked
package dev.schedtune.trainers.optim;

import org.jspecify.annotations.NullMarked;
