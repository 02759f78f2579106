/**
 * Study configs: the JSON/YAML file that describes a tuning study (task, model, optimizer, training
 * settings, the schedule template, objectives, sampler, pruner, budget, storage, output), read with
 * path-named errors before anything runs, and written back as JSON with the study.
 */
@NullMarked
package dev.schedtune.cli.tune.config;

import org.jspecify.annotations.NullMarked;
