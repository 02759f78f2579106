package dev.schedtune.search.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCacheTest {
    /** An engine that reads the study's trials as the real ones do, and says when the study got shorter. */
    static final class Reader {
        final int id;
        int read;

        Reader(int id) {
            this.id = id;
        }

        int sync(StudyView study) {
            int n = study.trials().size();
            if (n < read) {
                throw new EngineCache.Stale();
            }
            read = n;
            return id;
        }
    }

    /** Records which engine served each suggestion. */
    static final class ReadingSampler implements Sampler {
        final List<Integer> made = new ArrayList<>();
        final List<Integer> served = new ArrayList<>();
        final EngineCache<Reader> engines = EngineCache.of(study -> {
            made.add(made.size() + 1);
            return new Reader(made.size());
        });

        @Override
        public double sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution) {
            served.add(engines.apply(study, r -> r.sync(study)));
            return 0.5;
        }
    }

    private static Study run(InMemoryStorage storage, Sampler sampler, long seed, int trials, StudyDirection d) {
        Study s = Study.builder("s")
                .direction(d)
                .sampler(sampler)
                .storage(storage)
                .seed(seed)
                .create();
        s.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.total(trials));
        return s;
    }

    @Test
    void oneEngineServesAStudyForAllItsTrials() {
        ReadingSampler sampler = new ReadingSampler();
        run(new InMemoryStorage(), sampler, 1, 5, StudyDirection.MINIMIZE);
        assertThat(sampler.made).containsExactly(1);
        assertThat(sampler.served).containsExactly(1, 1, 1, 1, 1);
        assertThat(sampler.engines.peek("s")).isNotNull();
        assertThat(sampler.engines.peek("other")).isNull();
    }

    @Test
    void aStudyCreatedAgainWithTheSameSettingsGetsANewEngineWhenItsStateIsStale() {
        InMemoryStorage storage = new InMemoryStorage();
        ReadingSampler sampler = new ReadingSampler();
        run(storage, sampler, 1, 4, StudyDirection.MINIMIZE);
        storage.deleteStudy("s");
        run(storage, sampler, 1, 2, StudyDirection.MINIMIZE);
        // The first engine has read 4 trials; the new study's first trial sees 1: stale, retried on a new one.
        assertThat(sampler.made).containsExactly(1, 2);
        assertThat(sampler.served).containsExactly(1, 1, 1, 1, 2, 2);
    }

    @Test
    void anotherSeedOrDirectionUnderTheSameNameGetsANewEngine() {
        InMemoryStorage storage = new InMemoryStorage();
        ReadingSampler sampler = new ReadingSampler();
        run(storage, sampler, 1, 1, StudyDirection.MINIMIZE);
        storage.deleteStudy("s");
        run(storage, sampler, 2, 1, StudyDirection.MINIMIZE);
        storage.deleteStudy("s");
        run(storage, sampler, 2, 1, StudyDirection.MAXIMIZE);
        assertThat(sampler.made).containsExactly(1, 2, 3);
        assertThat(sampler.served).containsExactly(1, 2, 3);
    }
}
