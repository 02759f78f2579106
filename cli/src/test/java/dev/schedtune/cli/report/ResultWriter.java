package dev.schedtune.cli.report;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child JVM that writes {@code pareto.json} over and over, alternating between two large contents, until
 * it is killed: {@code args[0]} is the folder. Prints {@code WRITING} once the first file is complete.
 */
public final class ResultWriter {
    private ResultWriter() {}

    /** Results with a Pareto front of 2,000 trials of 20 parameters each: several MB of JSON. */
    static StudyResults results(int variant) {
        List<FrozenTrial> trials = new ArrayList<>();
        FloatDistribution d = FloatDistribution.of(0, 1);
        for (int n = 0; n < 2000; n++) {
            FrozenTrial.Builder b = FrozenTrial.builder(n, TrialState.COMPLETE)
                    .trialId(n + 1)
                    .values(ImmutableDoubleArray.of(n + variant, 2000 - n));
            for (int p = 0; p < 20; p++) {
                b.param("parameter_with_a_long_name_" + p, (n * 31 + p * 7 + variant) % 1000 / 1000.0, d);
            }
            trials.add(b.build());
        }
        return StudyResults.of(
                "writer", trials, List.of(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE), List.of("a", "b"), null);
    }

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        StudyResults[] variants = {results(0), results(1)};
        ResultFiles.writeParetoJson(variants[0], folder, "storage", Map.of());
        System.out.println("WRITING");
        System.out.flush();
        for (int i = 1; ; i++) {
            ResultFiles.writeParetoJson(variants[i % 2], folder, "storage", Map.of());
        }
    }
}
