package dev.schedtune.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.examples.kotlin.QuickStartKt;
import dev.schedtune.examples.kotlin.TuningKt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example runs, with tiny budgets, and prints what it promises. */
class ExamplesTest {
    @FunctionalInterface
    interface Main {
        void run() throws Exception;
    }

    /** Runs {@code main} and returns what it printed. */
    static synchronized String output(Main main) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    @Test
    void dslQuickStart() throws Exception {
        String out = output(() -> DslQuickStart.main(new String[0]));
        assertThat(out)
                .contains("cosine at 0, 500, 1000: 0.001, 5.05E-4, 1.0E-5")
                .contains("one-cycle at its peak (step 300): lr 0.1, momentum 0.85")
                .contains("sampled 20000 steps")
                .contains("as data: warmup(")
                .contains("one-cycle: lr and momentum");
    }

    @Test
    void kotlinQuickStart() throws Exception {
        String out = output(QuickStartKt::main);
        assertThat(out)
                .contains("cosine at 0, 500, 1000: 0.001, 5.05E-4, 1.0E-5")
                .contains("one-cycle at its peak: lr 0.1, momentum 0.85; beta1 in set: false")
                .contains("inverse-time lambda at 99: 1.0E-4")
                .contains("as data: sum(schedules=[scale(");
    }

    @Test
    void presetsFromPyTorch() throws Exception {
        String out = output(() -> PresetsFromPyTorch.main(new String[0]));
        // torch.OneCycleLR starts at max_lr / div_factor with momentum max_momentum; CosineAnnealingLR at base_lr;
        // SequentialLR's LinearLR at start_factor * base_lr; the HF warmup at 0
        assertThat(out.lines().filter(l -> l.startsWith("   0 ")).findFirst().orElseThrow())
                .matches("\\s+0\\s+0\\.0120000\\s+0\\.9500\\s+0\\.100000\\s+0\\.0100000\\s+0\\.00000");
        assertThat(out).contains("type: torch.SequentialLR").contains("milestones: [5]");
    }

    @Test
    void exportConfigAndPlot(@TempDir Path dir) throws Exception {
        String out = output(() -> ExportConfigAndPlot.main(new String[] {dir.toString()}));
        assertThat(out).contains("it reads back identical at every step: true");
        for (String f : new String[] {
            "warmup-cosine.yaml",
            "warmup-cosine.json",
            "warmup-cosine.csv",
            "warmup-cosine.svg",
            "warmup-cosine.png",
            "warmup_cosine_schedule.py"
        }) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        ScheduleSet json = Configs.load(dir.resolve("warmup-cosine.json"));
        assertThat(json.valueAt("lr", 200)).isEqualTo(0.1);
        assertThat(Files.readString(dir.resolve("warmup-cosine.svg")))
                .contains("<svg")
                .contains("</svg>");
        assertThat(Files.readAllLines(dir.resolve("warmup-cosine.csv"))).hasSize(2_001);
    }

    @Test
    void askTellLoop() throws Exception {
        String out = output(() -> AskTellLoop.main(new String[] {"15"}));
        assertThat(out)
                .matches("(?s)15 trials \\(\\d+ pruned\\); best #\\d+: peak [0-9.]+, warmup \\d+ -> loss [0-9.]+\\s*");
    }

    @Test
    void tuneOnCsv(@TempDir Path dir) throws Exception {
        String out = output(() -> TuneOnCsv.main(new String[] {
            "../examples/data/three-moons.csv",
            "4",
            "2",
            dir.resolve("moons.db").toString()
        }));
        assertThat(out).contains("Pareto front (validation loss, seconds) after 4 trials:");
        assertThat(out.lines().filter(l -> l.startsWith("  #"))).isNotEmpty();
        assertThat(out).contains("schedtune: 1").contains("type: warmup");
        assertThat(dir.resolve("moons.db")).isNotEmptyFile();
    }

    @Test
    void kotlinTuning(@TempDir Path dir) throws Exception {
        String out = output(() ->
                TuningKt.main(new String[] {"4", "2", dir.resolve("spirals.db").toString()}));
        assertThat(out).contains("Pareto front after 4 trials (validation loss, seconds):");
        assertThat(out.lines().filter(l -> l.startsWith("  #"))).isNotEmpty();
    }
}
