package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.cli.CliProcess;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole process group of a real {@code schedtune tune}
 * process and its two worker processes. The run must record the trials it cut short as interrupted
 * (FAIL), leave no RUNNING trial, write its results, exit with 130, and {@code --resume} must train the
 * cut-short parameters again and finish the budget.
 */
class InterruptTest {
    @Test
    void ctrlCStopsCleanlyAndResumeFinishesTheBudget(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("long.yaml"),
                TinyStudy.yaml("long", 6, 2, "")
                        .replace("model: {type: mlp, hidden: [16]}", "model: {type: cnn, channels: [8, 16]}")
                        .replace("low: 1, high: 3", "low: 20, high: 30"));
        Path out = dir.resolve("out");
        // setsid: the run gets its own process group, which we signal as a terminal's Ctrl-C does
        List<String> command = CliProcess.inOwnGroup(
                "tune", "--config", config.toString(), "--out", out.toString(), "--progress", "lines");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (!signalled && line.startsWith("#")) {
                    // a trial finished, so its worker takes the next one (number 2 or more). Signal
                    // only once that one is training: the first two trials may finish together.
                    signalled = true;
                    awaitFreshRunningTrial(out, p);
                    Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).start();
                    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = String.join("\n", lines);
        assertThat(p.exitValue()).as(output).isEqualTo(130);
        assertThat(output).contains("Stopped by Ctrl-C").contains("schedtune tune --resume");
        assertThat(out.resolve("pareto.json")).exists();
        assertThat(out.resolve("report.html")).exists();

        List<FrozenTrial> trials = trials(out);
        assertThat(trials).noneMatch(t -> t.state() == TrialState.RUNNING);
        List<FrozenTrial> interrupted =
                trials.stream().filter(StudyResults::isInterrupted).toList();
        assertThat(interrupted).as(output).isNotEmpty();
        assertThat(interrupted
                        .get(0)
                        .systemAttrs()
                        .get(FrozenTrial.FAIL_REASON_KEY)
                        .toString())
                .contains("interrupted (Ctrl-C)");
        long doneBefore = trials.stream()
                .filter(t -> t.state().isFinished() && !StudyResults.isInterrupted(t))
                .count();
        assertThat(doneBefore).isLessThan(6);

        Cli.Result resumed = Cli.run("tune", "--resume", "--config", config.toString(), "--out", out.toString());
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        List<FrozenTrial> after = trials(out);
        assertThat(after.stream()
                        .filter(t -> t.state().isFinished() && !StudyResults.isInterrupted(t))
                        .count())
                .isEqualTo(6);
        assertThat(after).noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.WAITING);
        // every cut-short trial's parameters ran again
        for (FrozenTrial cut : interrupted) {
            FrozenTrial retry = after.stream()
                    .filter(t -> Integer.valueOf(cut.number())
                            .equals(number(t.userAttrs().get("retry_of"))))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no retry of trial " + cut.number()));
            assertThat(retry.params())
                    .containsAllEntriesOf(cut.params()); // a trial cut between suggestions chooses the rest afresh
            assertThat(retry.state()).isIn(TrialState.COMPLETE, TrialState.PRUNED);
        }
    }

    private static void awaitFreshRunningTrial(Path out, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            // it has reported a checkpoint: its parameters are all chosen and it is training
            if (trials(out).stream()
                    .anyMatch(t -> t.state() == TrialState.RUNNING
                            && t.number() >= 2
                            && !t.intermediateValues().isEmpty())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no trial after the first two was training within 60 s");
    }

    private static Integer number(Object o) {
        return o instanceof Number ? ((Number) o).intValue() : null;
    }

    private static List<FrozenTrial> trials(Path out) {
        try (Storage s = Storages.open(out.resolve("study.db").toString())) {
            StudyRecord r = s.findStudy("long").orElseThrow();
            return new ArrayList<>(s.trials(r.studyId()));
        }
    }
}
