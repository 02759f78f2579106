package dev.schedtune.cli.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A study config small enough for tests: a 16-unit MLP on the digits, 1 to 3 epochs, two families. */
public final class TinyStudy {
    private TinyStudy() {}

    /** No baselines and no confirmation: the study's trials are all searched ones. */
    public static final String PLAIN = "baselines: none\nconfirm_seeds: 0\n";

    public static String yaml(String name, int trials, int jobs, String extraTraining) {
        return yaml(name, trials, jobs, extraTraining, PLAIN);
    }

    /** As {@link #yaml(String, int, int, String)} with {@code extraTop} as top-level settings. */
    public static String yaml(String name, int trials, int jobs, String extraTraining, String extraTop) {
        return """
                schedtune: 1
                study: %s
                seed: 3
                task: {type: digits}
                model: {type: mlp, hidden: [16]}
                training:
                  epochs: {type: tune_int, name: epochs, low: 1, high: 3}
                  batch_size: 128
                %s
                template:
                  type: template
                  schedule:
                    type: tune_choice
                    name: family
                    labels: [one_cycle, exp_decay]
                    options:
                      - type: one_cycle_set
                        max_lr: {type: tune_float, name: max_lr, low: 0.05, high: 1.0, log: true}
                        pct_start: {type: tune_float, name: pct_start, low: 0.1, high: 0.5}
                        total_steps: 1
                      - type: exponential_decay
                        init: {type: tune_float, name: init_lr, low: 0.05, high: 1.0, log: true}
                        decay_rate: {type: tune_float, name: final_ratio, low: 0.01, high: 0.5, log: true}
                objectives: [validation_loss, seconds]
                sampler: {type: tpe, startup_trials: 3}
                pruner: {type: pareto, startup_trials: 2}
                budget: {trials: %d}
                jobs: %d
                %s""".formatted(name, extraTraining, trials, jobs, extraTop);
    }

    public static Path write(Path dir, String name, int trials, int jobs) throws IOException {
        return write(dir, name, trials, jobs, "");
    }

    public static Path write(Path dir, String name, int trials, int jobs, String extraTraining) throws IOException {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml(name, trials, jobs, extraTraining));
        return file;
    }
}
