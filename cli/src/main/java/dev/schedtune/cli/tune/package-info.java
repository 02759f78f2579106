/**
 * {@code schedtune tune}: a tuning study run end to end. The objective (trainers' {@code ScheduleTuning}) binds the
 * template to each trial and trains it in a worker process, reporting checkpoints to the pruner; {@code
 * TuneRun} opens or resumes the study, shows {@code Progress}, handles Ctrl-C ({@code Interruption}) and
 * writes the Pareto table, {@code pareto.json}, the Pareto trials' configs and the HTML report.
 */
@NullMarked
package dev.schedtune.cli.tune;

import org.jspecify.annotations.NullMarked;
