package dev.schedtune.search.sampler;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.analysis.Hypervolume;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Studies on the benchmark problems, for sampler tests (no timing anywhere). */
public final class SamplerTesting {
    private SamplerTesting() {}

    public static List<StudyDirection> minimize(int objectives) {
        return Collections.nCopies(objectives, StudyDirection.MINIMIZE);
    }

    /** A seeded study of {@code problem} run for {@code trials} trials on {@code nJobs} threads. */
    public static Study run(
            Sampler sampler, BenchmarkProblem problem, int trials, long seed, boolean reproducible, int nJobs) {
        Study study = Study.builder()
                .directions(minimize(problem.objectives()))
                .sampler(sampler)
                .seed(seed)
                .reproducible(reproducible)
                .create();
        study.optimizeMulti(
                t -> {
                    double[] x = new double[problem.variables()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = t.suggestFloat("x" + i, 0, 1);
                    }
                    return problem.evaluate(x);
                },
                TrialBudget.total(trials),
                null,
                nJobs);
        return study;
    }

    public static Study run(Sampler sampler, BenchmarkProblem problem, int trials, long seed) {
        return run(sampler, problem, trials, seed, false, 1);
    }

    /** Hypervolume of the study's complete trials, reference point {@code ref} per objective. */
    public static double hypervolume(Study study, double ref) {
        List<double[]> points = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            if (t.values() != null && t.state() == TrialState.COMPLETE) {
                points.add(t.values().toArray());
            }
        }
        double[] r = new double[study.directions().size()];
        Arrays.fill(r, ref);
        return Hypervolume.compute(points.toArray(new double[0][]), r);
    }

    /** Every trial's parameters (internal values) and state, by number. */
    public static List<@Nullable Object> history(Study study) {
        List<@Nullable Object> out = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            out.add(t.internalParams());
            out.add(t.state());
        }
        return out;
    }
}
