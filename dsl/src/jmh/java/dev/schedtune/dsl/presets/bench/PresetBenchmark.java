package dev.schedtune.dsl.presets.bench;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.presets.Djl;
import dev.schedtune.dsl.presets.Preset;
import dev.schedtune.dsl.presets.Timm;
import dev.schedtune.dsl.presets.Torch;
import dev.schedtune.dsl.presets.Transformers;
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
 * Cost of one evaluation of a parity preset, stepping through a 100,000-step run as a training loop does:
 * the preset against its own body (the price of the preset wrapper) and, for a DJL migrant, the
 * {@code djl.WarmUpTracker(djl.CosineTracker)} preset against DJL's own trackers with the same settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PresetBenchmark {
    static final int STEPS = 100_000;

    Schedule djlPreset;
    Tracker djlTracker;
    Schedule oneCycle;
    Curve oneCycleBody;
    Schedule timmCosine;
    Schedule hfCosine;
    long step;
    int update;

    @Setup
    public void setUp() {
        int warmup = STEPS / 100;
        djlPreset = Djl.warmUpTracker(Djl.cosineTracker(1e-3, 1e-5, STEPS - warmup), warmup);
        djlTracker = WarmUpTracker.builder()
                .setMainTracker(CosineTracker.builder()
                        .setBaseValue(1e-3f)
                        .optFinalValue(1e-5f)
                        .setMaxUpdates(STEPS - warmup)
                        .build())
                .optWarmUpSteps(warmup)
                .build();
        Preset lr = Torch.oneCycleLRBuilder(1e-3).totalSteps(STEPS).lr();
        oneCycle = lr;
        oneCycleBody = lr.body();
        timmCosine = Timm.cosineLRSchedulerBuilder(1e-3, STEPS / 10)
                .lrMin(1e-5)
                .cycleMul(2)
                .cycleDecay(0.5)
                .cycleLimit(4)
                .warmupT(warmup)
                .warmupLrInit(1e-6)
                .build();
        hfCosine = Transformers.getCosineScheduleWithWarmup(1e-3, warmup, STEPS);
    }

    private long next() {
        long t = step;
        step = t + 1 == STEPS ? 0 : t + 1;
        return t;
    }

    @Benchmark
    public double djlWarmUpCosinePreset() {
        return djlPreset.valueAt(next());
    }

    @Benchmark
    public float djlWarmUpCosineTracker() {
        int n = update;
        update = n + 1 == STEPS ? 0 : n + 1;
        return djlTracker.getNewValue(n + 1);
    }

    @Benchmark
    public double torchOneCycleLrPreset() {
        return oneCycle.valueAt(next());
    }

    @Benchmark
    public double torchOneCycleLrBody() {
        return oneCycleBody.valueAt(next());
    }

    @Benchmark
    public double timmCosineCyclesPreset() {
        return timmCosine.valueAt(next());
    }

    @Benchmark
    public double transformersCosinePreset() {
        return hfCosine.valueAt(next());
    }
}
