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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.uma.jmetal.component.catalogue.ea.replacement.Replacement;
import org.uma.jmetal.util.densityestimator.impl.CrowdingDistanceDensityEstimator;

/**
 * An {@link Nsga2Sampler}'s view of one study: which trial is in which generation, how many of each
 * generation are complete, and the parent populations, all maintained from the trials that changed since
 * the previous ask (so an ask costs the same at trial 100 and at trial 100,000).
 */
final class Nsga2Engine implements EvolutionarySampler.Engine {
    private final Nsga2Sampler sampler;
    private final List<StudyDirection> directions;
    private final int size;

    // Default mode (guarded by this).
    private int scanned;
    private final TreeSet<Integer> unfinished = new TreeSet<>();
    private final Map<Integer, List<Integer>> completeByGeneration = new HashMap<>();
    private int current;
    private final Map<Integer, int[]> parents = new HashMap<>();
    private @Nullable Population currentPopulation;

    // Reproducible mode (guarded by this).
    private int chainGeneration;
    private int[] chainParents = new int[0];
    private final Map<Integer, Population> chainPopulations = new HashMap<>();

    /** Generation and parents handed out by {@link #assign}, until {@link #offspring} uses them. */
    private final Map<Integer, Population> assigned = new HashMap<>();

    Nsga2Engine(Nsga2Sampler sampler, StudyView study) {
        this.sampler = sampler;
        this.directions = List.copyOf(study.directions());
        this.size = sampler.populationSize;
        parents.put(0, new int[0]);
    }

    /** Assigns the trial its generation (stored with the trial) and returns that generation's parents. */
    @Override
    public Population assign(StudyView study, FrozenTrial trial) {
        int generation;
        Population population;
        if (study.isReproducible()) {
            ConditioningSet set = study.conditioningSet(trial, size);
            generation = set.batchIndex();
            synchronized (this) {
                population = chainPopulation(generation, set.snapshot());
                if (!population.isEmpty()) {
                    assigned.put(trial.number(), population);
                }
            }
        } else {
            while (true) {
                StudyTrials snapshot = study.trials();
                try {
                    synchronized (this) {
                        sync(snapshot);
                        advance(study, snapshot);
                        generation = current;
                        population = population(snapshot);
                        if (!population.isEmpty()) {
                            assigned.put(trial.number(), population);
                        }
                    }
                    break;
                } catch (StaleSnapshotException e) {
                    // The next snapshot includes every tell committed before it was taken.
                }
            }
        }
        study.setTrialSystemAttr(trial.number(), Nsga2Sampler.GENERATION_KEY, (long) generation);
        return population;
    }

    @Override
    public Map<String, Double> offspring(StudyView study, FrozenTrial trial, Map<String, Distribution> space) {
        Population population;
        synchronized (this) {
            population = assigned.remove(trial.number());
        }
        if (population == null) {
            population = assign(study, trial);
            synchronized (this) {
                assigned.remove(trial.number());
            }
        }
        if (population.isEmpty()) {
            return Map.of();
        }
        TrialSolution child = sampler.breeding.child(
                population.solutions,
                population.preference,
                population.genome,
                sampler.random(study, trial.number(), "nsga2"));
        Map<String, Double> out = new LinkedHashMap<>();
        population.genome.decode(child).forEach((name, value) -> {
            if (space.containsKey(name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- default mode

    private void sync(StudyTrials snapshot) {
        if (snapshot.size() < scanned) {
            // The study was deleted and created again under the same name: start over.
            throw new EngineCache.Stale();
        }
        if (!unfinished.isEmpty()) {
            List<Integer> done = new ArrayList<>();
            for (int number : unfinished) {
                if (number < snapshot.size() && snapshot.get(number).state().isFinished()) {
                    record(snapshot.get(number));
                    done.add(number);
                }
            }
            unfinished.removeAll(done);
        }
        for (int number = scanned; number < snapshot.size(); number++) {
            FrozenTrial t = snapshot.get(number);
            if (t.state().isFinished()) {
                record(t);
            } else {
                unfinished.add(number);
            }
        }
        scanned = Math.max(scanned, snapshot.size());
    }

    private void record(FrozenTrial t) {
        if (t.state() != TrialState.COMPLETE) {
            return;
        }
        Object g = t.systemAttrs().get(Nsga2Sampler.GENERATION_KEY);
        if (g instanceof Number n) {
            completeByGeneration
                    .computeIfAbsent(n.intValue(), k -> new ArrayList<>())
                    .add(t.number());
        }
    }

    private int completeCount(int generation) {
        List<Integer> l = completeByGeneration.get(generation);
        return l == null ? 0 : l.size();
    }

    private void advance(StudyView study, StudyTrials snapshot) {
        while (completeCount(current) >= size) {
            int next = current + 1;
            int[] pool = union(
                    parents.get(current), completeByGeneration.get(current), completeByGeneration.get(current - 1));
            int[] survivors = Population.survivors(
                    pool,
                    size,
                    snapshot,
                    directions,
                    new CrowdingDistanceDensityEstimator<>(),
                    Replacement.RemovalPolicy.ONE_SHOT);
            // One keyed write, no read of all study attributes (which grow with the study): the first
            // worker's list wins and everybody, including a resumed study, adopts it.
            int[] chosen =
                    numbers(study.setSystemAttrIfAbsent(Nsga2Sampler.PARENTS_KEY_PREFIX + next, asList(survivors)));
            parents.put(next, chosen != null ? chosen : survivors);
            currentPopulation = null;
            parents.remove(next - 3);
            completeByGeneration.remove(next - 3);
            current = next;
        }
    }

    private Population population(StudyTrials snapshot) {
        if (currentPopulation == null) {
            int[] numbers = parents.get(current);
            for (int n : numbers) {
                if (n >= snapshot.size() || snapshot.get(n).state() != TrialState.COMPLETE) {
                    // Another worker chose parents this snapshot has not seen finish: read again.
                    throw new StaleSnapshotException();
                }
            }
            currentPopulation = Population.of(numbers, snapshot, directions, new CrowdingDistanceDensityEstimator<>());
        }
        return currentPopulation;
    }

    /** Signals that a fresh snapshot is needed; {@link #assign} takes one and retries. */
    static final class StaleSnapshotException extends RuntimeException {
        StaleSnapshotException() {
            super("parent trials not yet visible in this snapshot", null, false, false);
        }
    }

    // ---------------------------------------------------------------- reproducible mode

    private Population chainPopulation(int generation, StudyTrials snapshot) {
        Population cached = chainPopulations.get(generation);
        if (cached != null) {
            return cached;
        }
        if (generation < chainGeneration) {
            // Only reachable if a trial of an older generation is sampled late; rebuild from scratch.
            chainGeneration = 0;
            chainParents = new int[0];
        }
        while (chainGeneration < generation) {
            int from = chainGeneration * size;
            List<Integer> complete = new ArrayList<>();
            for (int n = from; n < Math.min(from + size, snapshot.size()); n++) {
                if (snapshot.get(n).state() == TrialState.COMPLETE) {
                    complete.add(n);
                }
            }
            int[] pool = union(chainParents, complete, null);
            chainParents = Population.survivors(
                    pool,
                    size,
                    snapshot,
                    directions,
                    new CrowdingDistanceDensityEstimator<>(),
                    Replacement.RemovalPolicy.ONE_SHOT);
            chainGeneration++;
        }
        Population p = Population.of(chainParents, snapshot, directions, new CrowdingDistanceDensityEstimator<>());
        chainPopulations.put(generation, p);
        chainPopulations.remove(generation - 2);
        return p;
    }

    // ---------------------------------------------------------------- helpers

    private static int[] union(int @Nullable [] a, @Nullable List<Integer> b, @Nullable List<Integer> c) {
        TreeSet<Integer> all = new TreeSet<>();
        if (a != null) {
            for (int n : a) {
                all.add(n);
            }
        }
        if (b != null) {
            all.addAll(b);
        }
        if (c != null) {
            all.addAll(c);
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int @Nullable [] numbers(@Nullable Object stored) {
        if (!(stored instanceof List<?> list)) {
            return null;
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).intValue();
        }
        Arrays.sort(out);
        return out;
    }

    private static List<Long> asList(int[] numbers) {
        List<Long> out = new ArrayList<>(numbers.length);
        for (int n : numbers) {
            out.add((long) n);
        }
        return out;
    }
}
