package dev.schedtune.dsl.bench;

import ai.djl.training.tracker.Tracker;
import dev.schedtune.dsl.Schedule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sampling a 1,000,000-step curve into an array (for plots, CSV and previews), reported per step: 10 ns
 * per step is 100 M steps/s. DJL has no bulk call; its loop is shown for scale.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SampleBenchmark {
    static final int N = 1_000_000;

    Schedule composite;
    Tracker djl;
    double[] out;
    float[] djlOut;

    @Setup
    public void setUp() {
        composite = CompositeBenchmark.composite(N);
        djl = CompositeBenchmark.djl(N);
        out = new double[N];
        djlOut = new float[N];
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double[] schedtuneSample() {
        composite.sample(0, N, out);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public float[] djlLoop() {
        for (int i = 0; i < N; i++) {
            djlOut[i] = djl.getNewValue(i);
        }
        return djlOut;
    }
}
