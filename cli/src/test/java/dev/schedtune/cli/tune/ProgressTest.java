package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.trial.StudyDirection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status line's hypervolume only rises as trials arrive (it once jumped 1.210 -> 0.491). */
class ProgressTest {
    @Test
    void theStatusHypervolumeKeepsItsFirstNormalisation() {
        Study study = Study.builder("hv")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .create();
        Progress progress = new Progress(
                new PrintWriter(new StringWriter()),
                Progress.Mode.LINES,
                study,
                3,
                null,
                ts -> StudyResults.of("hv", ts, study.directions(), List.of(), null),
                80);
        tell(study, 0, 0);
        tell(study, 1, 1);
        StudyResults two = StudyResults.of("hv", study.trials(), study.directions(), List.of(), null);
        assertThat(progress.status(two)).contains("| HV 1.210 |"); // (0, 0) dominates the box
        tell(study, -1, 0.5); // widens the first objective's range
        StudyResults three = StudyResults.of("hv", study.trials(), study.directions(), List.of(), null);
        assertThat(three.hypervolume())
                .isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-9)); // renormalised: falls
        assertThat(progress.status(three)).contains("| HV 1.810 |"); // fixed: rises by the new corner
    }

    private static void tell(Study study, double a, double b) {
        Trial t = study.ask();
        study.tell(t, a, b);
    }
}
