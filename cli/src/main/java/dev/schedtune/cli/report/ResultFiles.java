package dev.schedtune.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.schedtune.dsl.config.ConfigDocument;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.search.FrozenTrial;
import dev.schedtune.search.StudyDirection;
import dev.schedtune.search.TrialState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    /** The trial attribute holding the trained schedule as a JSON config (written by {@code tune}). */
    public static final String SCHEDULE_ATTR = "schedule";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private ResultFiles() {}

    /** The trained schedule of {@code t} as a config document, if the trial recorded one. */
    public static Optional<ConfigDocument> schedule(FrozenTrial t) {
        Object s = t.userAttrs().get(SCHEDULE_ATTR);
        if (!(s instanceof String)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Configs.parse((String) s, ConfigFormat.JSON, "trial " + t.number()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes one config per best trial into {@code folder/configs}; returns the files, by trial number. */
    public static Map<Integer, Path> writeConfigs(StudyResults results, Path folder) {
        Path configs = folder.resolve("configs");
        Map<Integer, Path> written = new LinkedHashMap<>();
        try {
            Files.createDirectories(configs);
            // the front of an earlier run of this study may hold other trials
            try (DirectoryStream<Path> old = Files.newDirectoryStream(configs, "trial-*.yaml")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            for (FrozenTrial t : results.front()) {
                Optional<ConfigDocument> doc = schedule(t);
                if (doc.isEmpty()) {
                    continue;
                }
                Path file = configs.resolve("trial-" + t.number() + ".yaml");
                Files.writeString(
                        file, header(results, t, file) + doc.get().write(ConfigFormat.YAML), StandardCharsets.UTF_8);
                written.put(t.number(), file);
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
            b.append(", family ").append(oneLine(family));
        }
        b.append('\n');
        List<String> names = results.objectiveNames();
        b.append("#");
        for (int i = 0; i < names.size() && t.values() != null; i++) {
            b.append(' ')
                    .append(names.get(i))
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
        Object steps = t.userAttrs().get("steps");
        Object spe = t.userAttrs().get("steps_per_epoch");
        Object epochs = t.userAttrs().get("epochs");
        if (steps != null) {
            b.append("# ").append(steps).append(" optimizer steps");
            if (epochs != null && spe != null) {
                b.append(" (").append(epochs).append(" epochs of ").append(spe).append(")");
            }
            b.append(": schedtune plot --config ")
                    .append(file)
                    .append(" --steps ")
                    .append(steps)
                    .append(" --ascii\n");
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ");
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
            hv.put("normalised_by", Map.of("lower", bounds[0], "upper", bounds[1]));
            root.put("hypervolume", hv);
        }
        List<Map<String, Object>> front = new ArrayList<>();
        for (FrozenTrial t : results.front()) {
            front.add(trial(results, t, folder, configs.get(t.number())));
        }
        root.put(results.isMultiObjective() ? "pareto_front" : "best", front);
        Path file = folder.resolve("pareto.json");
        try {
            Files.createDirectories(folder);
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
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
        for (String key : List.of("epochs", "steps", "steps_per_epoch", "batch_size")) {
            Object v = t.userAttrs().get(key);
            if (v != null) {
                m.put(key, v);
            }
        }
        if (config != null) {
            m.put("config", folder.relativize(config).toString().replace('\\', '/'));
        }
        return m;
    }
}
