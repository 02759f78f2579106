package dev.schedtune.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.schedtune.cli.files.SafeFiles;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The files a tuning run leaves in its output folder: {@code pareto.json} (the best trials with their
 * parameters, objectives and accuracy) and {@code configs/trial-N.yaml}, the schedule each best trial
 * trained, as a schedule config in optimizer steps that {@code schedtune curve}, {@code plot} and {@code
 * export} read.
 */
public final class ResultFiles {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private ResultFiles() {}

    /** The trained schedule of {@code t} as a config document, if the trial recorded one. */
    public static Optional<ConfigDocument> schedule(FrozenTrial t) {
        Optional<String> s = TrialRecord.from(t).schedule();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Configs.parse(s.get(), ConfigFormat.JSON, "trial " + t.number()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes one config per best trial into {@code folder/configs}, replacing the folder's configs of an
     * earlier run as a whole ({@link SafeFiles#replaceFolder}); returns the files, by trial number. No
     * folder is left when no best trial recorded its schedule (a study made outside {@code schedtune tune}).
     */
    public static Map<Integer, Path> writeConfigs(StudyResults results, Path folder) {
        Path configs = folder.resolve("configs");
        Map<Integer, Path> written = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        for (FrozenTrial t : results.toConfirm()) {
            Optional<ConfigDocument> doc = schedule(t);
            if (doc.isEmpty()) {
                continue;
            }
            Path file = configs.resolve("trial-" + t.number() + ".yaml");
            texts.put(
                    file.getFileName().toString(),
                    header(results, t, file) + doc.get().write(ConfigFormat.YAML));
            written.put(t.number(), file);
        }
        try {
            if (texts.isEmpty()) {
                if (Files.isDirectory(configs)) {
                    // the front of an earlier run of this study may hold other trials
                    try (DirectoryStream<Path> old = Files.newDirectoryStream(configs, "trial-*.yaml")) {
                        for (Path p : old) {
                            Files.delete(p);
                        }
                    }
                    try (DirectoryStream<Path> left = Files.newDirectoryStream(configs)) {
                        if (!left.iterator().hasNext()) {
                            Files.delete(configs);
                        }
                    }
                }
            } else {
                Files.createDirectories(folder);
                // the front of an earlier run of this study may hold other trials: their configs go
                SafeFiles.replaceFolder(configs, texts, name -> name.matches("trial-\\d+\\.yaml"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private static String header(StudyResults results, FrozenTrial t, Path file) {
        StringBuilder b = new StringBuilder();
        b.append("# Trial ")
                .append(t.number())
                .append(" of study '")
                .append(oneLine(results.studyName()))
                .append("'");
        String family = results.family(t);
        if (!family.isEmpty()) {
            b.append(results.isBaseline(t) ? ", baseline " : ", family ").append(oneLine(family));
        }
        b.append('\n');
        List<String> names = results.objectiveNames();
        b.append("#");
        for (int i = 0; i < names.size() && t.values() != null; i++) {
            b.append(' ')
                    .append(oneLine(names.get(i)))
                    .append(' ')
                    .append(StudyResults.format(t.values().get(i)))
                    .append(';');
        }
        double acc = StudyResults.accuracy(t);
        if (!Double.isNaN(acc)) {
            b.append(String.format(Locale.ROOT, " accuracy %.4f;", acc));
        }
        b.setLength(b.length() - (b.charAt(b.length() - 1) == ';' ? 1 : 0));
        b.append('\n');
        TrialRecord record = TrialRecord.from(t);
        if (record.steps().isPresent()) {
            b.append("# ").append(record.steps().getAsInt()).append(" optimizer steps");
            if (record.epochs().isPresent() && record.stepsPerEpoch().isPresent()) {
                b.append(" (")
                        .append(record.epochs().getAsInt())
                        .append(" epochs of ")
                        .append(record.stepsPerEpoch().getAsInt())
                        .append(")");
            }
            b.append(": schedtune plot --config ")
                    .append(oneLine(file.toString()))
                    .append(" --steps ")
                    .append(record.steps().getAsInt())
                    .append(" --ascii\n");
        }
        return b.toString();
    }

    /** Stored text in a YAML comment: nothing that YAML reads as a line break (see {@link Printable}). */
    private static String oneLine(String s) {
        return Printable.oneLine(s);
    }

    /** Writes {@code folder/pareto.json}; {@code configs} maps trial numbers to their config files. */
    public static Path writeParetoJson(StudyResults results, Path folder, String storage, Map<Integer, Path> configs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("study", results.studyName());
        root.put("storage", storage);
        List<Map<String, Object>> objectives = new ArrayList<>();
        for (int i = 0; i < results.objectiveNames().size(); i++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", results.objectiveNames().get(i));
            o.put("direction", results.directions().get(i) == StudyDirection.MINIMIZE ? "minimize" : "maximize");
            objectives.add(o);
        }
        root.put("objectives", objectives);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", results.trials().size());
        counts.put("complete", results.count(TrialState.COMPLETE));
        counts.put("pruned", results.count(TrialState.PRUNED));
        counts.put("failed", results.failed());
        counts.put("interrupted", results.interrupted());
        counts.put("running", results.count(TrialState.RUNNING));
        root.put("trials", counts);
        double[][] bounds = results.bounds();
        if (bounds != null && results.isMultiObjective()) {
            Map<String, Object> hv = new LinkedHashMap<>();
            hv.put("value", results.hypervolume());
            hv.put("reference_point", StudyResults.REFERENCE);
            hv.put("normalised_by", normalisedBy(results, bounds));
            root.put("hypervolume", hv);
        }
        List<Map<String, Object>> front = new ArrayList<>();
        for (FrozenTrial t : results.front()) {
            front.add(trial(results, t, folder, configs.get(t.number())));
        }
        root.put(results.isMultiObjective() ? "pareto_front" : "best", front);
        List<Map<String, Object>> baselines = new ArrayList<>();
        for (FrozenTrial t : results.baselines()) {
            baselines.add(trial(results, t, folder, configs.get(t.number())));
        }
        root.put("baselines", baselines);
        TestComparison comparison = TestComparison.of(results);
        if (!comparison.isEmpty()) {
            Map<String, Object> test = new LinkedHashMap<>();
            comparison
                    .bestBaseline()
                    .ifPresent(b -> test.put("best_baseline", b.trial().number()));
            test.put("verdict", comparison.verdict());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TestComparison.Row r : comparison.tuned()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trial", r.trial().number());
                comparison.accuracyGain(r).ifPresent(g -> row.put("test_accuracy_difference", stat(g)));
                comparison.lossGain(r).ifPresent(g -> row.put("test_loss_difference", stat(g)));
                row.put("time_ratio", finite(comparison.timeRatio(r)));
                row.put("better_model", comparison.isBetter(r));
                row.put("same_model_sooner", comparison.isSooner(r));
                rows.add(row);
            }
            test.put("tuned_vs_best_baseline", rows);
            root.put("test_comparison", test);
        }
        Path file = folder.resolve("pareto.json");
        try {
            Files.createDirectories(folder);
            SafeFiles.write(file, JSON.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Map<String, Object> trial(StudyResults results, FrozenTrial t, Path folder, @Nullable Path config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number());
        String family = results.family(t);
        if (!family.isEmpty()) {
            m.put("family", family);
        }
        m.put("params", t.params());
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < results.objectiveNames().size() && t.values() != null; i++) {
            values.put(results.objectiveNames().get(i), t.values().get(i));
        }
        m.put("values", values);
        double acc = StudyResults.accuracy(t);
        if (!Double.isNaN(acc)) {
            m.put("accuracy", acc);
        }
        TrialRecord record = TrialRecord.from(t);
        record.epochs().ifPresent(v -> m.put("epochs", v));
        record.steps().ifPresent(v -> m.put("steps", v));
        record.stepsPerEpoch().ifPresent(v -> m.put("steps_per_epoch", v));
        record.batchSize().ifPresent(v -> m.put("batch_size", v));
        record.baseline().ifPresent(v -> m.put("baseline", v));
        results.confirmation(t).ifPresent(c -> m.put("test", test(c)));
        if (config != null) {
            m.put("config", folder.relativize(config).toString().replace('\\', '/'));
        }
        return m;
    }

    /** A confirmation as pareto.json writes it: each figure's mean, sd and per-seed values. */
    private static Map<String, Object> test(Confirmation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", c.seeds());
        m.put("epochs", c.epochs());
        m.put("test_loss", figure(c.testLoss(), c.testLosses()));
        m.put("test_accuracy", figure(c.testAccuracy(), c.testAccuracies()));
        m.put("seconds", figure(c.seconds(), c.secondsPerRun()));
        return m;
    }

    private static Map<String, Object> figure(Confirmation.Stats stats, double[] perSeed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", finite(stats.mean()));
        m.put("sd", finite(stats.sd()));
        List<Object> values = new ArrayList<>();
        for (double v : perSeed) {
            values.add(finite(v));
        }
        m.put("per_seed", values);
        return m;
    }

    private static Map<String, Object> stat(double[] differenceAndError) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", finite(differenceAndError[0]));
        m.put("standard_error", finite(differenceAndError[1]));
        return m;
    }

    /** JSON has no NaN: non-finite numbers are written as null. */
    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : NULL;
    }

    private static final Object NULL = com.fasterxml.jackson.databind.node.NullNode.getInstance();

    /**
     * The range each objective is normalised by, in its own direction (the bounds are of minimised values:
     * a maximised objective's are negated back), and which trials it spans.
     */
    static Map<String, Object> normalisedBy(StudyResults results, double[][] bounds) {
        int k = results.directions().size();
        double[] lower = new double[k];
        double[] upper = new double[k];
        for (int i = 0; i < k; i++) {
            boolean max = results.directions().get(i) == StudyDirection.MAXIMIZE;
            lower[i] = max ? -bounds[1][i] : bounds[0][i];
            upper[i] = max ? -bounds[0][i] : bounds[1][i];
        }
        boolean anyFeasible = results.complete().stream().anyMatch(FrozenTrial::isFeasible);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lower", lower);
        m.put("upper", upper);
        m.put("over", anyFeasible ? "feasible complete trials" : "complete trials (none is feasible)");
        return m;
    }
}
