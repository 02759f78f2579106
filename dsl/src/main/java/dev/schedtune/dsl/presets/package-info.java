/**
 * Parity presets: the schedulers of PyTorch, Optax, Hugging Face transformers, timm, Keras and DJL under
 * their own names and parameter names, each built from the DSL's primitives and combinators and equal to
 * the anchor at every step (see {@code dsl/PRESETS.md} for the list and the table of differences).
 *
 * <p>Start from the library facades ({@link dev.schedtune.dsl.presets.Torch}, {@link
 * dev.schedtune.dsl.presets.Optax}, {@link dev.schedtune.dsl.presets.Transformers}, {@link
 * dev.schedtune.dsl.presets.Timm}, {@link dev.schedtune.dsl.presets.Keras}, {@link
 * dev.schedtune.dsl.presets.Djl}). Each preset is a {@link dev.schedtune.dsl.presets.Preset} (or, for
 * one-cycle and cyclic schedules that also drive momentum, a {@link dev.schedtune.dsl.ScheduleSet} of
 * presets) whose {@code spec()} is the anchor call itself, for example {@code torch.OneCycleLR(max_lr=0.3,
 * total_steps=97)}; the same kinds are registered in {@link dev.schedtune.dsl.spec.KindRegistry#builtIn()}
 * (see {@link dev.schedtune.dsl.presets.PresetKinds}) so configs can write {@code "type":
 * "torch.OneCycleLR"}.
 */
@NullMarked
package dev.schedtune.dsl.presets;

import org.jspecify.annotations.NullMarked;
