package dev.schedtune.examples;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.export.CurveExport;
import dev.schedtune.export.Plot;
import dev.schedtune.export.PytorchExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A schedule leaves the JVM as a versioned config (YAML or JSON), a CSV of its values, an SVG or PNG plot,
 * or a Python file for PyTorch's {@code LambdaLR}; a config reads back to a schedule equal step for step.
 *
 * <pre>mvn -q -pl examples -am compile -Dexample=ExportConfigAndPlot -Dexample.args=out</pre>
 */
public final class ExportConfigAndPlot {
    private ExportConfigAndPlot() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "schedtune-examples-out");
        Files.createDirectories(dir);
        long steps = 2_000;

        // a warmup, then cosine, driving the lr; weight decay rising linearly
        ScheduleSet set = ScheduleSet.builder()
                .put(ScheduleSet.LR, Schedules.warmup(Schedules.cosine(0.1, 1e-4, steps - 200), 200))
                .put(ScheduleSet.WEIGHT_DECAY, Schedules.linear(1e-4, 1e-3, steps))
                .build();

        Path yaml = dir.resolve("warmup-cosine.yaml");
        Files.writeString(yaml, Configs.write(set, ConfigFormat.YAML));
        Files.writeString(dir.resolve("warmup-cosine.json"), Configs.write(set, ConfigFormat.JSON));
        ScheduleSet back = Configs.load(yaml);
        boolean same = true;
        for (long s = 0; s < steps; s++) {
            same &= back.valueAt("lr", s) == set.valueAt("lr", s)
                    && back.valueAt("weight_decay", s) == set.valueAt("weight_decay", s);
        }
        System.out.println("wrote " + yaml + "; it reads back identical at every step: " + same);

        Files.writeString(dir.resolve("warmup-cosine.csv"), CurveExport.csv(set, steps));
        Plot plot = Plot.builder()
                .steps(steps)
                .add("", set)
                .title("warmup + cosine")
                .build();
        Files.writeString(dir.resolve("warmup-cosine.svg"), plot.svg());
        Files.write(dir.resolve("warmup-cosine.png"), plot.png());
        Files.writeString(
                dir.resolve("warmup_cosine_schedule.py"),
                PytorchExport.builder().build().python(set));
        try (var files = Files.list(dir)) {
            files.sorted().forEach(f -> System.out.println("  " + f));
        }
        System.out.print(plot.ascii(72, 8));
    }
}
