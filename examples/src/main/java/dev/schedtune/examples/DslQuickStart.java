package dev.schedtune.examples;

import static dev.schedtune.dsl.Schedules.constant;
import static dev.schedtune.dsl.Schedules.cosine;
import static dev.schedtune.dsl.Schedules.cosineWarmRestarts;
import static dev.schedtune.dsl.Schedules.linear;
import static dev.schedtune.dsl.Schedules.oneCycle;
import static dev.schedtune.dsl.Schedules.warmup;

import dev.schedtune.dsl.Curve;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.primitives.OneCycle;
import dev.schedtune.export.Plot;

/**
 * The DSL in five minutes: a schedule is a pure function of the optimizer step; primitives compose into
 * piecewise curves; a schedule set drives several hyperparameters; every built-in schedule is also data.
 *
 * <pre>mvn -q -pl examples -am compile -Dexample=DslQuickStart</pre>
 */
public final class DslQuickStart {
    private DslQuickStart() {}

    public static void main(String[] args) {
        // 1. a primitive, read at any step, in any order
        Schedule decay = cosine(1e-3, 1e-5, 1000);
        System.out.println(
                "cosine at 0, 500, 1000: " + decay.valueAt(0) + ", " + decay.valueAt(500) + ", " + decay.valueAt(1000));

        // 2. composition: a linear warmup, then cosine cycles that restart, never below 1e-5
        Schedule lr = linear(0, 3e-4, 1_000)
                .then(cosineWarmRestarts(3e-4, 3e-5, 10_000))
                .floor(1e-5);
        System.out.println(
                "warmup + restarts at 500: " + lr.valueAt(500) + "; at 11000 (a restart): " + lr.valueAt(11_000));

        // the same shape with the warmup combinator, and arithmetic on schedules
        Curve warmed = warmup(cosine(1e-3, 1e-5, 900), 100);
        Curve halved = warmed.times(0.5).plus(constant(1e-6));
        System.out.println("warmup(cosine) at 50: " + warmed.valueAt(50) + "; halved + 1e-6: " + halved.valueAt(50));

        // 3. one-cycle drives the lr and, inversely, the momentum: a schedule set
        OneCycle cycle = oneCycle(0.1, 1_000);
        ScheduleSet set = cycle.asSet();
        System.out.println("one-cycle at its peak (step 300): lr " + set.valueAt("lr", 300) + ", momentum "
                + set.valueAt("momentum", 300));

        // 4. sample a whole curve without allocating per step
        double[] curve = lr.sample(0, 20_000);
        System.out.println("sampled " + curve.length + " steps; max "
                + java.util.Arrays.stream(curve).max().orElse(0));

        // 5. every built-in schedule describes itself: the spec is what a config file holds
        System.out.println("as data: " + warmed.spec());

        // 6. and plots itself in the terminal
        System.out.print(Plot.builder()
                .steps(1_000)
                .add("", set)
                .title("one-cycle: lr and momentum")
                .build()
                .ascii(72, 8));
    }
}
