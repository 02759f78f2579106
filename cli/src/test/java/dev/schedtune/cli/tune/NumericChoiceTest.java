package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.PythonOptuna;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.StopSignal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template's {@code tune_choice} between plain numbers is stored as Optuna stores {@code
 * suggest_categorical(name, [0.1, 0.5])}, so Debian's Optuna can ask the same parameter of our study.
 */
class NumericChoiceTest {
    @Test
    void optunaSuggestsANumericChoiceOfOurStudy(@TempDir Path dir) throws Exception {
        PythonOptuna.assumeAvailable();
        String decay = "decay_rate: {type: tune_float, name: final_ratio, low: 0.01, high: 0.5, log: true}";
        String base = TinyStudy.yaml("numeric", 2, 1, "");
        String indent = base.lines()
                .filter(l -> l.contains(decay))
                .findFirst()
                .orElseThrow()
                .replace(decay, "");
        String yaml = base.replace(
                        "max_lr: {type: tune_float, name: max_lr, low: 0.05, high: 1.0, log: true}",
                        "max_lr: {type: tune_choice, name: max_lr, options: [0.1, 0.5]}")
                .replace(
                        decay,
                        "decay_rate: 0.1\n" + indent
                                + "transition_steps: {type: tune_choice, name: every, options: [1, 2]}");
        StudyConfig config =
                StudyConfigReader.parse(yaml, ConfigFormat.YAML, "numeric.yaml", dir, KindRegistry.builtIn());
        Path db = dir.resolve("numeric.db");
        try (Storage storage = Storages.open(db.toString())) {
            ScheduleTuning tuning = config.tuning(null, StopSignal.NEVER);
            Study study = Study.builder("numeric")
                    .storage(storage)
                    .directions(tuning.directions())
                    .create();
            for (String family : new String[] {"one_cycle", "exp_decay"}) {
                study.enqueueTrial(Map.of("family", family));
                Trial t = study.ask();
                double[] values = tuning.evaluate(t);
                assertThat(t.params()).containsEntry("family", family);
                study.tell(t, values);
            }
        }
        PythonOptuna.Result r = PythonOptuna.run(
                "import sys, optuna\n"
                        + "s = optuna.load_study(study_name='numeric', storage='sqlite:///' + sys.argv[1])\n"
                        + "t = s.ask()\n"
                        + "print(t.suggest_categorical('max_lr', [0.1, 0.5]), t.suggest_categorical('every', [1, 2]))\n"
                        + "s.tell(t, [2.0, 1.0])\n",
                db.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }
}
