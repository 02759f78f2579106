package dev.schedtune.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.PythonOptuna;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optuna stores Python integers of any size ({@code 2**64}) in attributes. A study holding one stays
 * readable by every command, with the value exact.
 */
class BigIntegerAttrsTest {
    @Test
    void integersBeyondLongInOptunaAttributesAreReadExactly(@TempDir Path dir) throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("big.db");
        PythonOptuna.Result r = PythonOptuna.run(
                "import sys, optuna\n"
                        + "optuna.logging.set_verbosity(optuna.logging.WARNING)\n"
                        + "s = optuna.create_study(study_name='big', storage='sqlite:///' + sys.argv[1])\n"
                        + "s.set_user_attr('big', 2**64)\n"
                        + "s._storage.set_study_system_attr(s._study_id, 'huge', [10**30])\n"
                        + "t = s.ask()\n"
                        + "t.suggest_float('x', 0, 1)\n"
                        + "t.set_user_attr('negative', -2**70)\n"
                        + "s.tell(t, 1.0)\n",
                db.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        for (String[] command : new String[][] {
            {"studies", "--storage", db.toString()},
            {"show", "big", "--storage", db.toString(), "--all"},
            {
                "report",
                "big",
                "--storage",
                db.toString(),
                "--out",
                dir.resolve("report").toString()
            }
        }) {
            Cli.Result result = Cli.run(command);
            assertThat(result.code())
                    .as(command[0] + ": " + result.out() + result.err())
                    .isZero();
        }
        try (Storage storage = Storages.open(db.toString())) {
            Study study = Study.load("big", storage);
            assertThat(study.userAttrs()).containsEntry("big", BigInteger.TWO.pow(64));
            assertThat(study.systemAttrs().get("huge")).isEqualTo(java.util.List.of(BigInteger.TEN.pow(30)));
            assertThat(study.trials().get(0).userAttrs())
                    .containsEntry("negative", BigInteger.TWO.pow(70).negate());
        }
    }
}
