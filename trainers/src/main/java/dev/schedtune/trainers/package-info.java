/**
 * DJL training driven by schedules: tasks ({@code data}), models ({@code model}), scheduled optimizers
 * ({@code optim}), the engine set-up ({@code djl}), the training loop ({@code train}), worker processes
 * ({@code pool}) and the learning-rate range test ({@code lrfind}).
 */
@NullMarked
package dev.schedtune.trainers;

import org.jspecify.annotations.NullMarked;
