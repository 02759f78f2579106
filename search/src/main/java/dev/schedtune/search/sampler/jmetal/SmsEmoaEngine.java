package dev.schedtune.search.sampler.jmetal;

import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.sampler.EngineCache;
import dev.schedtune.search.trial.ConditioningSet;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.StudyView;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.uma.jmetal.component.catalogue.ea.replacement.Replacement;

/** An {@link SmsEmoaSampler}'s population for one study, updated by the trials completed since the last ask. */
final class SmsEmoaEngine implements EvolutionarySampler.Engine {
    private final SmsEmoaSampler sampler;
    private final List<StudyDirection> directions;

    // Default mode (guarded by this).
    private int scanned;
    private final TreeSet<Integer> unfinished = new TreeSet<>();
    private int[] members = new int[0];
    private int completeSeen;
    private @Nullable Population population;

    // Reproducible mode (guarded by this).
    private int chainBatch;
    private int chainComplete;
    private int[] chainMembers = new int[0];
    private final Map<Integer, Population> chainPopulations = new HashMap<>();

    private final Map<Integer, Population> assigned = new HashMap<>();

    SmsEmoaEngine(SmsEmoaSampler sampler, StudyView study) {
        this.sampler = sampler;
        this.directions = List.copyOf(study.directions());
    }

    @Override
    public Population assign(StudyView study, FrozenTrial trial) {
        Population p;
        if (study.isReproducible()) {
            ConditioningSet set = study.conditioningSet(trial, sampler.batchSize);
            synchronized (this) {
                p = chain(set.batchIndex(), set.snapshot());
                if (!p.isEmpty()) {
                    assigned.put(trial.number(), p);
                }
            }
        } else {
            StudyTrials snapshot = study.trials();
            synchronized (this) {
                List<Integer> fresh = sync(snapshot);
                if (!fresh.isEmpty()) {
                    completeSeen += fresh.size();
                    members = reduce(members, fresh, snapshot);
                    population = null;
                }
                if (population == null) {
                    population = completeSeen < sampler.startupTrials
                            ? Population.EMPTY
                            : Population.unranked(members, snapshot, directions);
                }
                p = population;
                if (!p.isEmpty()) {
                    assigned.put(trial.number(), p);
                }
            }
        }
        return p;
    }

    @Override
    public Map<String, Double> offspring(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        Population p;
        synchronized (this) {
            p = assigned.remove(trial.number());
        }
        if (p == null) {
            p = assign(study, trial);
            synchronized (this) {
                assigned.remove(trial.number());
            }
        }
        if (p.isEmpty()) {
            return Map.of();
        }
        TrialSolution child = sampler.breeding.child(
                p.solutions, p.preference, p.genome, sampler.random(study, trial.number(), "smsemoa"));
        Map<String, Double> out = new LinkedHashMap<>();
        p.genome.decode(child).forEach((name, value) -> {
            if (space.containsKey(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** Newly complete trials, by number. */
    private List<Integer> sync(StudyTrials snapshot) {
        if (snapshot.size() < scanned) {
            // The study was deleted and created again under the same name: start over.
            throw new EngineCache.Stale();
        }
        List<Integer> fresh = new ArrayList<>();
        if (!unfinished.isEmpty()) {
            List<Integer> done = new ArrayList<>();
            for (int number : unfinished) {
                if (number < snapshot.size() && snapshot.get(number).state().isFinished()) {
                    done.add(number);
                    if (snapshot.get(number).state() == TrialState.COMPLETE) {
                        fresh.add(number);
                    }
                }
            }
            unfinished.removeAll(done);
        }
        for (int number = scanned; number < snapshot.size(); number++) {
            FrozenTrial t = snapshot.get(number);
            if (!t.state().isFinished()) {
                unfinished.add(number);
            } else if (t.state() == TrialState.COMPLETE) {
                fresh.add(number);
            }
        }
        scanned = Math.max(scanned, snapshot.size());
        fresh.sort(null);
        return fresh;
    }

    /** Inserts the trials into the population, dropping the least contributing individual one at a time. */
    private int[] reduce(int[] current, List<Integer> fresh, StudyTrials snapshot) {
        int[] pool = new int[current.length + fresh.size()];
        System.arraycopy(current, 0, pool, 0, current.length);
        for (int i = 0; i < fresh.size(); i++) {
            pool[current.length + i] = fresh.get(i);
        }
        return Population.survivors(
                pool,
                sampler.populationSize,
                snapshot,
                directions,
                new HypervolumeContribution<>(sampler.referencePoint),
                Replacement.RemovalPolicy.SEQUENTIAL);
    }

    private Population chain(int batch, StudyTrials snapshot) {
        Population cached = chainPopulations.get(batch);
        if (cached != null) {
            return cached;
        }
        if (batch < chainBatch) {
            chainBatch = 0;
            chainComplete = 0;
            chainMembers = new int[0];
        }
        int b = sampler.batchSize;
        while (chainBatch < batch) {
            List<Integer> complete = new ArrayList<>();
            for (int n = chainBatch * b; n < Math.min((chainBatch + 1) * b, snapshot.size()); n++) {
                if (snapshot.get(n).state() == TrialState.COMPLETE) {
                    complete.add(n);
                }
            }
            if (!complete.isEmpty()) {
                chainComplete += complete.size();
                chainMembers = reduce(chainMembers, complete, snapshot);
            }
            chainBatch++;
        }
        Population p = chainComplete < sampler.startupTrials
                ? Population.EMPTY
                : Population.unranked(chainMembers, snapshot, directions);
        chainPopulations.put(batch, p);
        chainPopulations.remove(batch - 2);
        return p;
    }
}
