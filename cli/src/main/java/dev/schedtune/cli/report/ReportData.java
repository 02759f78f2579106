package dev.schedtune.cli.report;

import com.google.common.primitives.ImmutableDoubleArray;
import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.analysis.ParamImportance;
import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.Distribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.distribution.IntDistribution;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything the HTML report draws, as plain data (maps, lists, numbers, strings) for its embedded JSON:
 * every trial (state, parameters, objectives, accuracy, per-epoch validation loss, intermediate values,
 * the trained schedule sampled on an epoch axis), the search space, hypervolume history, parameter
 * importance, and the benchmark evidence when there is some. Non-finite numbers become null.
 */
final class ReportData {
    /** Points per schedule curve in the report. */
    static final int CURVE_POINTS = 160;

    private ReportData() {}

    static Map<String, Object> of(StudyResults r, String checkpoints, @Nullable Object evidence) {
        return of(r, checkpoints, evidence, ReportData::curve);
    }

    /** {@link #of} with the trials' schedule curves from {@code curves} (a cache, where data is made often). */
    static Map<String, Object> of(
            StudyResults r,
            String checkpoints,
            @Nullable Object evidence,
            Function<FrozenTrial, Optional<Map<String, Object>>> curves) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("study", r.studyName());
        d.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        List<Map<String, Object>> objectives = new ArrayList<>();
        for (int i = 0; i < r.objectiveNames().size(); i++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", r.objectiveNames().get(i));
            o.put("direction", r.directions().get(i) == StudyDirection.MINIMIZE ? "minimize" : "maximize");
            objectives.add(o);
        }
        d.put("objectives", objectives);
        d.put("checkpoints", checkpoints);
        d.put("familyParameter", r.familyParameter());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", r.trials().size());
        counts.put("complete", r.count(TrialState.COMPLETE));
        counts.put("pruned", r.count(TrialState.PRUNED));
        counts.put("failed", r.failed());
        counts.put("interrupted", r.interrupted());
        counts.put("running", r.count(TrialState.RUNNING));
        d.put("counts", counts);
        Set<Integer> front = new LinkedHashSet<>();
        r.front().forEach(t -> front.add(t.number()));
        d.put("front", new ArrayList<>(front));
        // chosen here, not by the page: a value told inf is null in the JSON, and an infeasible trial is no best
        r.bestOfFirstObjective().ifPresent(t -> d.put("best", t.number()));
        List<Map<String, Object>> trials = new ArrayList<>();
        for (FrozenTrial t : r.trials()) {
            trials.add(trial(r, t, front.contains(t.number()), curves));
        }
        d.put("trials", trials);
        d.put("params", space(r.trials()));
        if (r.isMultiObjective()) {
            Map<String, Object> hv = new LinkedHashMap<>();
            hv.put("value", finite(r.hypervolume()));
            List<Object> history = new ArrayList<>();
            for (double v : r.hypervolumeHistory()) {
                history.add(finite(v));
            }
            hv.put("history", history);
            hv.put("reference", StudyResults.REFERENCE);
            d.put("hypervolume", hv);
        }
        d.put("importance", importance(r));
        d.put("test", test(r));
        d.put("evidence", evidence);
        return d;
    }

    /** The comparison "tuned vs baselines on the test split", or null without confirmed trials. */
    private static @Nullable Map<String, Object> test(StudyResults r) {
        TestComparison c = TestComparison.of(r);
        if (c.isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("byAccuracy", c.byAccuracy());
        m.put("verdict", c.verdict());
        c.bestBaseline().ifPresent(b -> m.put("bestBaseline", b.trial().number()));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<TestComparison.Row> all = new ArrayList<>(c.tuned());
        all.addAll(c.baselines());
        for (TestComparison.Row row : all) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("trial", row.trial().number());
            x.put("label", row.label());
            x.put("baseline", row.baseline());
            x.put("epochs", row.confirmation().epochs());
            x.put("seeds", row.confirmation().seeds().size());
            x.put("accuracy", finite(row.accuracy().mean()));
            x.put("accuracySd", finite(row.accuracy().sd()));
            x.put("loss", finite(row.loss().mean()));
            x.put("lossSd", finite(row.loss().sd()));
            x.put("seconds", finite(row.seconds().mean()));
            x.put("secondsSd", finite(row.seconds().sd()));
            if (!row.baseline()) {
                c.accuracyGain(row).ifPresent(g -> {
                    x.put("accuracyGain", finite(g[0]));
                    x.put("accuracyGainSe", finite(g[1]));
                });
                c.lossGain(row).ifPresent(g -> {
                    x.put("lossGain", finite(g[0]));
                    x.put("lossGainSe", finite(g[1]));
                });
                x.put("timeRatio", finite(c.timeRatio(row)));
                x.put("better", c.isBetter(row));
                x.put("sooner", c.isSooner(row));
            }
            rows.add(x);
        }
        m.put("rows", rows);
        return m;
    }

    private static Map<String, Object> trial(
            StudyResults r,
            FrozenTrial t,
            boolean onFront,
            Function<FrozenTrial, Optional<Map<String, Object>>> curves) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", t.number());
        m.put("state", t.state().name());
        if (StudyResults.isInterrupted(t)) {
            m.put("interrupted", true);
        }
        m.put("front", onFront);
        if (t.constraints().length() > 0) {
            m.put("feasible", t.isFeasible());
            if (!t.isFeasible()) {
                m.put("infeasible", infeasibility(t));
            }
        }
        ImmutableDoubleArray values = t.values();
        if (values != null) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < values.length(); i++) {
                v.add(finite(values.get(i)));
            }
            m.put("values", v);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        t.params().forEach((k, v) -> params.put(k, v instanceof Double ? finite((Double) v) : v));
        m.put("params", params);
        String family = r.family(t);
        if (!family.isEmpty()) {
            m.put("family", family);
        }
        m.put("accuracy", finite(StudyResults.accuracy(t)));
        TrialRecord record = TrialRecord.from(t);
        record.epochs().ifPresent(v -> m.put("epochs", v));
        record.plannedEpochs().ifPresent(v -> m.put("plannedEpochs", v));
        record.steps().ifPresent(v -> m.put("steps", v));
        record.stepsPerEpoch().ifPresent(v -> m.put("stepsPerEpoch", v));
        record.batchSize().ifPresent(v -> m.put("batchSize", v));
        record.seconds().ifPresent(v -> m.put("seconds", v));
        if (!record.repeatLosses().isEmpty()) {
            m.put("repeatLosses", record.repeatLosses());
        }
        if (!record.epochLosses().isEmpty()) {
            m.put("epochLoss", record.epochLosses());
        }
        if (record.isBaseline()) {
            m.put("baseline", true);
        }
        r.confirmation(t).ifPresent(c -> {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("seeds", c.seeds().size());
            test.put("accuracy", finite(c.testAccuracy().mean()));
            test.put("accuracySd", finite(c.testAccuracy().sd()));
            test.put("loss", finite(c.testLoss().mean()));
            test.put("lossSd", finite(c.testLoss().sd()));
            test.put("seconds", finite(c.seconds().mean()));
            m.put("test", test);
        });
        List<Object> intermediate = new ArrayList<>();
        t.intermediateValues().forEach((step, vs) -> {
            List<Object> row = new ArrayList<>();
            row.add(step);
            for (int i = 0; i < vs.length(); i++) {
                row.add(finite(vs.get(i)));
            }
            intermediate.add(row);
        });
        m.put("intermediate", intermediate);
        if (t.state() == TrialState.FAIL) {
            m.put("failReason", StudyResults.failReason(t));
        }
        if (t.duration() != null) {
            m.put("duration", t.duration().toMillis() / 1000.0);
        }
        curves.apply(t).ifPresent(c -> m.put("curve", c));
        return m;
    }

    /** The trained schedule sampled over its run: x in epochs (or steps), one series per hyperparameter. */
    static Optional<Map<String, Object>> curve(FrozenTrial t) {
        Optional<ConfigDocument> doc = ResultFiles.schedule(t);
        TrialRecord record = TrialRecord.from(t);
        if (doc.isEmpty()
                || record.plannedEpochs().isEmpty()
                || record.stepsPerEpoch().isEmpty()) {
            return Optional.empty();
        }
        ScheduleSet set;
        try {
            set = doc.get().buildSet(KindRegistry.builtIn());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        double stepsPerEpoch = record.stepsPerEpoch().getAsInt();
        long total = Math.max(1, Math.round(record.plannedEpochs().getAsInt() * stepsPerEpoch));
        int n = (int) Math.min(CURVE_POINTS, total);
        List<Object> x = new ArrayList<>();
        long[] steps = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = n == 1 ? 0 : Math.round((double) i * (total - 1) / (n - 1));
            x.add(round(steps[i] / stepsPerEpoch));
        }
        Map<String, Object> series = new LinkedHashMap<>();
        for (Map.Entry<String, Schedule> e : set.asMap().entrySet()) {
            List<Object> ys = new ArrayList<>();
            for (long s : steps) {
                ys.add(finite(round(e.getValue().valueAt(s))));
            }
            series.put(e.getKey(), ys);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("x", x);
        c.put("series", series);
        c.put("steps", total);
        return Optional.of(c);
    }

    /** Six significant digits: enough for a plot, a third of the bytes. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 5 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    private static List<Map<String, Object>> space(List<FrozenTrial> trials) {
        Map<String, Distribution> all = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            t.distributions().forEach(all::putIfAbsent);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        all.forEach((name, d) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            if (d instanceof CategoricalDistribution) {
                m.put("type", "categorical");
                List<Object> choices = new ArrayList<>();
                for (Object c : ((CategoricalDistribution) d).choices()) {
                    choices.add(String.valueOf(c));
                }
                m.put("choices", choices);
            } else if (d instanceof FloatDistribution) {
                FloatDistribution f = (FloatDistribution) d;
                m.put("type", "float");
                m.put("low", f.low());
                m.put("high", f.high());
                m.put("log", f.isLog());
            } else if (d instanceof IntDistribution) {
                IntDistribution i = (IntDistribution) d;
                m.put("type", "int");
                m.put("low", i.low());
                m.put("high", i.high());
                m.put("log", i.isLog());
            }
            out.add(m);
        });
        return out;
    }

    /**
     * PED-ANOVA importance per objective, over every complete trial (the parameters all of them have) and
     * over the trials of each family (that family's parameters).
     */
    private static List<Map<String, Object>> importance(StudyResults r) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<FrozenTrial> complete = r.complete();
        Map<String, List<FrozenTrial>> groups = new LinkedHashMap<>();
        groups.put("", complete);
        for (FrozenTrial t : complete) {
            String f = r.family(t);
            if (!f.isEmpty()) {
                groups.computeIfAbsent(f, k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<FrozenTrial>> g : groups.entrySet()) {
            if (g.getValue().size() < 4) {
                continue;
            }
            Map<String, Object> perObjective = new LinkedHashMap<>();
            for (int i = 0; i < r.objectiveNames().size(); i++) {
                int index = i;
                try {
                    Map<String, Double> imp = new LinkedHashMap<>(ParamImportance.pedAnova(
                            g.getValue(),
                            r.directions().get(i),
                            0.1,
                            t -> t.values().get(index)));
                    if (!g.getKey().isEmpty() && r.familyParameter() != null) {
                        imp.remove(r.familyParameter());
                    }
                    perObjective.put(r.objectiveNames().get(i), imp);
                } catch (RuntimeException e) {
                    // too few or degenerate trials for this group: the report shows no bars for it
                }
            }
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("family", g.getKey().isEmpty() ? null : g.getKey());
            group.put("trials", g.getValue().size());
            group.put("objectives", perObjective);
            out.add(group);
        }
        return out;
    }

    static @Nullable Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Why a trial is infeasible, for the legend and the trial's card: schedule tuning's own constraint
     * (the model learned nothing) by its meaning, any other (a study made through the API or by Optuna) by
     * its name, or as "a constraint above 0" when unnamed.
     */
    static String infeasibility(FrozenTrial t) {
        Object names = t.systemAttrs().get(FrozenTrial.CONSTRAINT_NAMES_KEY);
        List<String> violated = new ArrayList<>();
        for (int i = 0; i < t.constraints().length(); i++) {
            if (!(t.constraints().get(i) <= 0)) {
                violated.add(names instanceof List<?> l && i < l.size() ? String.valueOf(l.get(i)) : "");
            }
        }
        if (violated.equals(List.of(ScheduleTuning.CHANCE_CONSTRAINT))) {
            return "learned nothing (loss not below chance)";
        }
        if (violated.contains("")) {
            return "a constraint above 0";
        }
        return "constraint " + String.join(", ", violated) + " above 0";
    }
}
