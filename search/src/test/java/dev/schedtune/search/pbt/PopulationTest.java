package dev.schedtune.search.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.jdbc.EmbeddedPostgresServer;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PBT engine on a toy trainer whose "weights" are one number: exploit, explore, storage, recovery. */
class PopulationTest {
    @TempDir
    Path dir;

    static PopulationBasedTraining.Builder settings() {
        return PopulationBasedTraining.builder()
                .population(8)
                .epochs(6)
                .interval(2)
                .hyperparameter("lr", FloatDistribution.log(0.001, 1.0))
                .hyperparameter("momentum", FloatDistribution.of(0.5, 0.99))
                .pollInterval(Duration.ofMillis(5));
    }

    /**
     * A deterministic stand-in for training: the "weights" w move towards 1 at a rate the learning rate
     * sets, and too large a rate costs; the checkpoints are entries of a map.
     */
    static final class ToyTrainer implements MemberTrainer {
        final Map<String, double[]> checkpoints = new ConcurrentHashMap<>();
        final Set<String> discarded = ConcurrentHashMap.newKeySet();
        final List<MemberStep> steps = new CopyOnWriteArrayList<>();

        @Override
        public MemberResult train(MemberStep step) {
            steps.add(step);
            double w;
            if (step.resumeFrom().isPresent()) {
                double[] c = checkpoints.get(step.resumeFrom().get());
                if (c == null) {
                    return MemberResult.failed("checkpoint " + step.resumeFrom().get() + " is missing");
                }
                assertThat((int) c[1]).isEqualTo(step.firstEpoch());
                w = c[0];
            } else {
                w = (step.seed() % 7) / 100.0;
            }
            double lr = step.values().get("lr");
            double mu = step.values().get("momentum");
            Map<Integer, Double> scores = new LinkedHashMap<>();
            for (int e = step.firstEpoch() + 1; e <= step.lastEpoch(); e++) {
                w += Math.min(1, lr / (1 - mu) * 0.2) * (1 - w) - 0.05 * lr * lr;
                scores.put(e, 1 - w);
            }
            checkpoints.put(step.saveTo(), new double[] {w, step.lastEpoch()});
            return MemberResult.completed(1 - w, scores, step.saveTo(), Map.of("w", w));
        }

        @Override
        public void discard(String checkpoint) {
            discarded.add(checkpoint);
            checkpoints.remove(checkpoint);
        }
    }

    static Study study(Storage storage, String name, long seed) {
        return Study.builder(name)
                .storage(storage)
                .direction(StudyDirection.MINIMIZE)
                .seed(seed)
                .createOrLoad();
    }

    @Test
    void theBottomQuarterCopiesTheTopQuarterAndExploresAndTheLineageFollowsTheCopies() {
        Study study = study(Storages.inMemory(), "pbt", 7);
        Population population = settings().build().population(study);
        ToyTrainer trainer = new ToyTrainer();
        List<MemberRecord> heard = new CopyOnWriteArrayList<>();
        population.run(trainer, 3, heard::add);

        assertThat(population.isFinished()).isTrue();
        List<MemberRecord> records = population.records();
        assertThat(records).hasSize(8 * 3).containsExactlyInAnyOrderElementsOf(heard);
        for (int g = 1; g < 3; g++) {
            int gen = g;
            List<MemberRecord> previous = records.stream()
                    .filter(r -> r.generation() == gen - 1)
                    .sorted(Population.ranking(StudyDirection.MINIMIZE))
                    .toList();
            List<MemberRecord> now =
                    records.stream().filter(r -> r.generation() == gen).toList();
            Set<Integer> top = Set.of(previous.get(0).member(), previous.get(1).member());
            Set<Integer> bottom =
                    Set.of(previous.get(6).member(), previous.get(7).member());
            for (MemberRecord r : now) {
                assertThat(r.firstEpoch()).isEqualTo(2 * gen);
                assertThat(r.lastEpoch()).isEqualTo(2 * gen + 2);
                if (bottom.contains(r.member())) {
                    assertThat(r.exploited()).isTrue();
                    assertThat(top).contains(r.source());
                    MemberRecord donor = previous.stream()
                            .filter(p -> p.member() == r.source())
                            .findFirst()
                            .get();
                    // explored: every value perturbed (x0.8, x1.2, clipped) or resampled, so changed
                    assertThat(r.values()).isNotEqualTo(donor.values());
                } else {
                    assertThat(r.exploited()).isFalse();
                    assertThat(r.source()).isEqualTo(r.member());
                    MemberRecord self = previous.stream()
                            .filter(p -> p.member() == r.member())
                            .findFirst()
                            .get();
                    assertThat(r.values()).isEqualTo(self.values());
                }
            }
        }
        // the lineage ends at the best final member and follows each copy back to generation 0
        List<MemberRecord> lineage = population.lineage();
        assertThat(lineage).extracting(MemberRecord::generation).containsExactly(0, 1, 2);
        double best = records.stream()
                .filter(r -> r.generation() == 2)
                .mapToDouble(MemberRecord::score)
                .min()
                .getAsDouble();
        assertThat(lineage.get(2).score()).isEqualTo(best);
        for (int g = 1; g < 3; g++) {
            assertThat(lineage.get(g - 1).member()).isEqualTo(lineage.get(g).source());
        }
        // the step that trained the best member's last interval saw the lineage's values as its history
        MemberStep last = trainer.steps.stream()
                .filter(s -> s.generation() == 2 && s.member() == lineage.get(2).member())
                .findFirst()
                .get();
        assertThat(last.history())
                .extracting(MemberStep.Segment::values)
                .containsExactly(
                        lineage.get(0).values(),
                        lineage.get(1).values(),
                        lineage.get(2).values());
        // every member is a trial: its params are its initial values, its value the final score, its
        // intermediate values the score after every epoch
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(8).allMatch(t -> t.state() == TrialState.COMPLETE);
        for (FrozenTrial t : trials) {
            MemberRecord first = records.get(t.number());
            assertThat(t.params())
                    .containsAllEntriesOf(Map.of("lr", first.values().get("lr")));
            assertThat(t.intermediateValues().keySet()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
        assertThat(study.systemAttrs().get(Population.LINEAGE_KEY)).isInstanceOf(List.class);
        // checkpoints: the last generation's are kept (one per member), the earlier ones discarded
        assertThat(trainer.checkpoints.keySet()).hasSize(8).allMatch(k -> k.endsWith("-g2"));
        assertThat(trainer.discarded).hasSize(16);
    }

    @Test
    void theSameSeedGivesTheSameLineageWhateverTheNumberOfWorkers() {
        List<MemberRecord> one = runToy(Storages.inMemory(), 11, 1);
        List<MemberRecord> three = runToy(Storages.inMemory(), 11, 3);
        List<MemberRecord> other = runToy(Storages.inMemory(), 12, 1);
        assertThat(describe(three)).isEqualTo(describe(one));
        assertThat(describe(other)).isNotEqualTo(describe(one));
    }

    private static List<MemberRecord> runToy(Storage storage, long seed, int threads) {
        Population p = settings().build().population(study(storage, "pbt", seed));
        p.run(new ToyTrainer(), threads);
        return p.records();
    }

    private static List<String> describe(List<MemberRecord> records) {
        List<String> out = new ArrayList<>();
        for (MemberRecord r : records) {
            out.add(r.generation() + "/" + r.member() + "<" + r.source() + " " + r.values() + " " + r.score()
                    + r.failure().map(f -> " failed: " + f).orElse(""));
        }
        return out;
    }

    @Test
    void aFailedStepIsRecordedAndItsMemberCopiesAGoodOneNext() {
        Study study = study(Storages.inMemory(), "pbt", 3);
        ToyTrainer toy = new ToyTrainer();
        MemberTrainer flaky = step -> {
            if (step.member() == 5 && step.generation() == 0) {
                throw new IllegalStateException("checkpoint m5-g0: corrupt: checksum mismatch");
            }
            return toy.train(step);
        };
        Population p = settings().build().population(study);
        p.run(flaky, 2);
        MemberRecord failed = p.records().stream()
                .filter(r -> r.generation() == 0 && r.member() == 5)
                .findFirst()
                .get();
        assertThat(failed.failure()).contains("checkpoint m5-g0: corrupt: checksum mismatch");
        MemberRecord next = p.records().stream()
                .filter(r -> r.generation() == 1 && r.member() == 5)
                .findFirst()
                .get();
        assertThat(next.exploited()).isTrue();
        assertThat(next.isFailed()).isFalse();
        assertThat(p.isFinished()).isTrue();
    }

    @Test
    void aStepWhoseWorkerDiedIsClaimedAgainAfterTheGraceAndResumesFromTheSameCheckpoint() {
        Storage storage = Storages.inMemory();
        Study study = study(storage, "pbt", 5);
        PopulationBasedTraining s =
                settings().claimGrace(Duration.ofMillis(300)).build();
        Population p = s.population(study);
        long id = storage.findStudy("pbt").get().studyId();
        // a worker that claimed member 2's first step and died at once: its claim is never renewed
        storage.setStudySystemAttrIfAbsent(id, Population.CLAIM_KEY + "0:2:0", Map.of("owner", "dead", "at", 0L));
        p.run(new ToyTrainer(), 2);
        MemberRecord retried = p.records().stream()
                .filter(r -> r.generation() == 0 && r.member() == 2)
                .findFirst()
                .get();
        assertThat(retried.attempt()).isEqualTo(1);
        assertThat(retried.isFailed()).isFalse();
        // and the study is the one an undisturbed run makes
        assertThat(describe(p.records())).isEqualTo(describe(runToy(Storages.inMemory(), 5, 1)));
    }

    @Test
    void settingsThatDisagreeWithTheStoredPopulationAreRefused() {
        Storage storage = Storages.inMemory();
        settings().build().population(study(storage, "pbt", 1));
        assertThatThrownBy(() -> settings().population(4).build().population(study(storage, "pbt", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a population with settings");
        assertThatThrownBy(() -> PopulationBasedTraining.builder().population(1))
                .hasMessage("population (1) must be >= 2");
        assertThatThrownBy(() -> PopulationBasedTraining.builder().quantile(0.7))
                .hasMessage("quantile (0.7) must be in (0, 0.5]");
    }

    @Test
    void workersOfSeveralProcessesShareOnePopulationOnSqlite() throws Exception {
        Path db = dir.resolve("pbt.db");
        assertSharedRunMatches(() -> Storages.sqlite(db));
    }

    @Test
    void workersOfSeveralProcessesShareOnePopulationOnPostgres() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        assertSharedRunMatches(() -> Storages.postgres(url));
    }

    /** Two "processes" (own storage connection, own Population) share a population; same result as one. */
    private void assertSharedRunMatches(java.util.function.Supplier<Storage> open) throws Exception {
        ToyTrainer shared = new ToyTrainer();
        ExecutorService exec = Executors.newFixedThreadPool(2);
        List<Storage> storages = List.of(open.get(), open.get());
        try {
            // the first creates the study; the second joins it
            study(storages.get(0), "shared", 9);
            List<Future<?>> runs = new ArrayList<>();
            for (Storage s : storages) {
                runs.add(exec.submit(() ->
                        settings().build().population(study(s, "shared", 9)).run(shared, 2)));
            }
            for (Future<?> f : runs) {
                f.get();
            }
            Population p = settings().build().population(study(storages.get(0), "shared", 9));
            assertThat(p.isFinished()).isTrue();
            assertThat(describe(p.records())).isEqualTo(describe(runToy(Storages.inMemory(), 9, 1)));
        } finally {
            exec.shutdownNow();
            storages.forEach(Storage::close);
        }
    }
}
