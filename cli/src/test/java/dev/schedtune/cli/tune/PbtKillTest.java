package dev.schedtune.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.cli.CliProcess;
import dev.schedtune.search.Storages;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.pbt.Population;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.trainers.pool.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code schedtune pbt} processes share one population on a real PostgreSQL server; one of them
 * is killed with SIGKILL (its worker process with it, as when its machine goes) while it trains a step
 * after the first generation. The other takes that step over once its claim is older than {@code
 * claim_grace}, retries it from the member's checkpoint and finishes the population: every step recorded
 * once, none failed, and every record the same as an uninterrupted run's (a step retried from scratch would
 * score differently).
 */
class PbtKillTest {
    private static final Pattern CLAIM = Pattern.compile("pbt:claim:(\\d+):(\\d+):(\\d+)");
    private static final int POPULATION = 4;
    private static final int GENERATIONS = 2;

    private static String yaml() {
        return """
                schedtune: 1
                study: shared
                seed: 11
                task: {type: digits}
                model: {type: mlp, hidden: [64, 64]}
                training: {epochs: 4, batch_size: 16}
                objectives: [accuracy]
                jobs: 1
                confirm_seeds: 0
                pbt:
                  population: %d
                  interval: 2
                  claim_grace: 4s
                  hyperparameters:
                    lr: {low: 0.01, high: 0.3, log: true}
                    momentum: {low: 0.5, high: 0.95}
                """.formatted(POPULATION);
    }

    @Test
    void aKilledProcessStepIsRetriedFromItsCheckpointByTheOtherWhichFinishesThePopulation(@TempDir Path dir)
            throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        Path config = Files.writeString(dir.resolve("shared.yaml"), yaml());
        Path out = dir.resolve("out");
        // the same command twice: the first creates the study, the other joins its population
        Process victim = start(url, config, out, dir.resolve("victim.log"));
        Process survivor = start(url, config, out, dir.resolve("survivor.log"));
        int[] killed;
        try {
            killed = awaitClaimOfGenerationAfterFirst(url, victim);
            // SIGKILL: no shutdown hook runs, the claim's lease just stops being renewed
            victim.descendants().forEach(ProcessHandle::destroyForcibly);
            victim.destroyForcibly();
            assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(survivor.waitFor(5, TimeUnit.MINUTES))
                    .as("the survivor finishes")
                    .isTrue();
        } finally {
            victim.descendants().forEach(ProcessHandle::destroyForcibly);
            victim.destroyForcibly();
            survivor.descendants().forEach(ProcessHandle::destroyForcibly);
            survivor.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("survivor.log"));
        assertThat(survivor.exitValue()).as(log).isZero();
        assertThat(log).contains("Lineage of the best member");

        List<MemberRecord> records = records(url);
        // every step of every generation once, none failed
        Set<String> steps = new HashSet<>();
        for (MemberRecord r : records) {
            assertThat(r.isFailed()).as("step %s", r).isFalse();
            steps.add(r.generation() + ":" + r.member());
        }
        assertThat(records).hasSize(POPULATION * GENERATIONS);
        assertThat(steps).hasSize(POPULATION * GENERATIONS);
        try (Storage s = Storages.open(url)) {
            assertThat(s.trials(s.findStudy("shared").orElseThrow().studyId()).size())
                    .as("members (the study's trials)")
                    .isEqualTo(POPULATION);
        }
        // the killed step: tried again, and trained only its own generation's epochs from the checkpoint
        MemberRecord retried = records.stream()
                .filter(r -> r.generation() == killed[0] && r.member() == killed[1])
                .findFirst()
                .orElseThrow();
        assertThat(retried.attempt()).isEqualTo(killed[2] + 1);
        assertThat(retried.epochScores().keySet()).containsExactly(retried.firstEpoch() + 1, retried.lastEpoch());
        assertThat(retried.firstEpoch()).isPositive();

        // the same population, uninterrupted, in one process (on OUT/study.db): the same records, step by step
        Path alone = dir.resolve("alone");
        Files.writeString(dir.resolve("alone.yaml"), yaml());
        String warmUp = System.setProperty(WorkerMain.WARM_UP_STEPS_PROPERTY, "200");
        Cli.Result reference;
        try {
            reference = Cli.run("pbt", "--config", dir.resolve("alone.yaml").toString(), "--out", alone.toString());
        } finally {
            if (warmUp == null) {
                System.clearProperty(WorkerMain.WARM_UP_STEPS_PROPERTY);
            } else {
                System.setProperty(WorkerMain.WARM_UP_STEPS_PROPERTY, warmUp);
            }
        }
        assertThat(reference.code()).as(reference.out() + reference.err()).isZero();
        List<MemberRecord> expected = records(alone.resolve("study.db").toString());
        assertThat(expected).hasSize(records.size());
        for (MemberRecord e : expected) {
            MemberRecord r = records.stream()
                    .filter(x -> x.generation() == e.generation() && x.member() == e.member())
                    .findFirst()
                    .orElseThrow();
            assertThat(r.source()).as("source of %s", e).isEqualTo(e.source());
            assertThat(r.values()).as("values of %s", e).isEqualTo(e.values());
            assertThat(r.epochScores()).as("scores of %s", e).isEqualTo(e.epochScores());
        }
    }

    private static Process start(String url, Path config, Path out, Path log) throws Exception {
        ProcessBuilder b = new ProcessBuilder(CliProcess.command(
                        List.of("-D" + WorkerMain.WARM_UP_STEPS_PROPERTY + "=200"),
                        "pbt",
                        "--config",
                        config.toString(),
                        "--out",
                        out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        b.environment().put("SCHEDTUNE_STORAGE", url);
        return b.start();
    }

    /**
     * Generation, member and attempt of a step after the first generation (here the last) that {@code victim}
     * has claimed and not finished, as soon as there is one.
     */
    private static int[] awaitClaimOfGenerationAfterFirst(String url, Process victim) throws Exception {
        String owner = victim.pid() + "@";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        try (Storage s = Storages.open(url)) {
            while (System.nanoTime() < deadline) {
                assertThat(victim.isAlive()).as("the victim is still running").isTrue();
                Map<String, @Nullable Object> attrs = s.findStudy("shared")
                        .map(r -> s.studySystemAttrs(r.studyId()))
                        .orElse(Map.of());
                for (Map.Entry<String, @Nullable Object> e : attrs.entrySet()) {
                    Matcher m = CLAIM.matcher(e.getKey());
                    if (m.matches()
                            && Integer.parseInt(m.group(1)) >= 1
                            && e.getValue() instanceof Map<?, ?> claim
                            && String.valueOf(claim.get("owner")).startsWith(owner)
                            && !attrs.containsKey(Population.STEP_KEY + m.group(1) + ":" + m.group(2))) {
                        return new int[] {
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
                        };
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the victim claimed no step after the first generation within 4 minutes");
    }

    private static List<MemberRecord> records(String url) {
        try (Storage s = Storages.open(url)) {
            return new ArrayList<>(Population.records(
                    s.studySystemAttrs(s.findStudy("shared").orElseThrow().studyId())));
        }
    }
}
