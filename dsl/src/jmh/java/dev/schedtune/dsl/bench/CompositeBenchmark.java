package dev.schedtune.dsl.bench;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.Schedules;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one schedule evaluation: our 3-piece composite (linear warmup, then cosine with warm
 * restarts, then a constant floor) against DJL's {@code WarmUpTracker(CosineTracker)}, stepping through
 * a 100,000-step training run as a training loop does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CompositeBenchmark {
    static final int STEPS = 100_000;

    Schedule composite;
    Tracker djl;
    long step;
    int update;

    /**
     * The composite of the benchmark over a run of {@code total} steps: linear warmup for 1% of it, cosine
     * warm restarts (cycles of 10%) until 91%, then a constant floor.
     */
    static Schedule composite(int total) {
        return Schedules.join(
                List.of(
                        Schedules.linear(0, 1e-3, total / 100),
                        Schedules.cosineWarmRestarts(1e-3, 1e-5, total / 10),
                        Schedules.constant(1e-5)),
                total / 100,
                total / 100 * 91);
    }

    /** DJL's warmup (1% of the run) and cosine decay over the rest. */
    static Tracker djl(int total) {
        return WarmUpTracker.builder()
                .setMainTracker(CosineTracker.builder()
                        .setBaseValue(1e-3f)
                        .optFinalValue(1e-5f)
                        .setMaxUpdates(total - total / 100)
                        .build())
                .optWarmUpSteps(total / 100)
                .build();
    }

    @Setup
    public void setUp() {
        composite = composite(STEPS);
        djl = djl(STEPS);
    }

    @Benchmark
    public double schedtuneComposite() {
        long t = step;
        step = t + 1 == STEPS ? 0 : t + 1;
        return composite.valueAt(t);
    }

    @Benchmark
    public float djlWarmUpCosine() {
        int n = update;
        update = n + 1 == STEPS ? 0 : n + 1;
        return djl.getNewValue(n);
    }
}
