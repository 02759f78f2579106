package dev.schedtune.cli.tune.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schedtune.cli.Durations;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.ConfigTree;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.spec.Specified;
import dev.schedtune.dsl.template.Suggester;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.search.storage.jdbc.PostgresLocation;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.DivergencePolicy;
import dev.schedtune.trainers.tuning.IntSetting;
import dev.schedtune.trainers.tuning.ScheduleUnits;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Reads study configs (JSON or YAML; format in {@code docs/study-config.md}) and writes them back as
 * JSON. Everything is checked before anything runs: each problem is one {@link ConfigException} naming
 * the file, line, path ({@code $.budget.trials}), the bad value and what is allowed. Relative paths of
 * inputs (a CSV task, a template file) count from the config's folder; relative paths of outputs (the
 * storage file, the output folder) from the working folder, as Optuna's {@code sqlite:///} URLs do.
 */
public final class StudyConfigReader {
    /** The study config format version this build reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /** The built-in study of {@code schedtune tune} without {@code --config}. */
    public static final String DEFAULT_RESOURCE = "/dev/schedtune/cli/tune/default-study.yaml";

    private static final String[] TOP = {
        "schedtune",
        "study",
        "seed",
        "task",
        "model",
        "optimizer",
        "training",
        "template",
        "objectives",
        "baselines",
        "confirm_seeds",
        "sampler",
        "pruner",
        "budget",
        "jobs",
        "storage",
        "output",
        "pbt"
    };

    /** The study config's name for a CSV task's {@code type} parameter (classification or regression). */
    private static final String PROBLEM = "problem";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ConfigTree tree;
    private final Path base;
    private final KindRegistry registry;

    private StudyConfigReader(ConfigTree tree, Path base, KindRegistry registry) {
        this.tree = tree;
        this.base = base;
        this.registry = registry;
    }

    /** Reads and checks {@code file}. */
    public static StudyConfig read(Path file, KindRegistry registry) {
        Path parent = file.toAbsolutePath().getParent();
        return new StudyConfigReader(ConfigTree.read(file), parent == null ? Path.of("") : parent, registry)
                .config(stem(file));
    }

    /** Parses and checks {@code text}; relative paths count from {@code base}. */
    public static StudyConfig parse(String text, ConfigFormat format, String source, Path base, KindRegistry registry) {
        return new StudyConfigReader(ConfigTree.parse(text, format, source), base, registry).config(source);
    }

    /** The built-in default study; its relative paths count from the working folder. */
    public static StudyConfig defaultStudy(KindRegistry registry) {
        try (InputStream in = StudyConfigReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            String text =
                    new String(Objects.requireNonNull(in, DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
            return parse(text, ConfigFormat.YAML, "default-study.yaml", Path.of(""), registry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the built-in default study (YAML, with comments). */
    public static String defaultStudyText() {
        try (InputStream in = StudyConfigReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return new String(Objects.requireNonNull(in, DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stem(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private StudyConfig config(String defaultName) {
        Fields top = Fields.of(tree, "$", tree.root(), "a map of study settings (task, model, template, ...)");
        top.only(TOP);
        long version = top.integer("schedtune", FORMAT_VERSION, 1, Long.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw top.error(
                    "schedtune",
                    "study config format version " + version + " is newer than this schedtune understands (at most "
                            + FORMAT_VERSION + "); upgrade schedtune to read it");
        }
        StudyConfig.Builder b = new StudyConfig.Builder();
        String name = top.string("study", defaultName);
        b.name(name);
        b.seed(top.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE));

        if (!top.has("task")) {
            throw tree.error("$", "missing field 'task': the training task, e.g. {type: digits}");
        }
        TaskSpec task = task(top.map("task", "a task such as {type: digits} or {type: csv, path: data.csv}"));
        b.task(task);
        Task loaded = load(task);

        List<TuningObjective> objectives = objectives(top, task);
        b.objectives(objectives);

        ModelSpec model = top.has("model")
                ? model(top.map("model", "a model such as {type: cnn} or {type: mlp, hidden: [64]}"), loaded)
                : ModelSpec.mlp(64);
        b.model(model);
        OptimizerSpec optimizer = top.has("optimizer")
                ? optimizer(top.map("optimizer", "an optimizer such as {type: sgd, momentum: 0.9}"))
                : OptimizerSpec.sgd(0.9);
        b.optimizer(optimizer);

        Fields training = top.has("training")
                ? top.map(
                        "training",
                        "training settings (epochs, batch_size, schedule_units, seed, repeats, on_divergence,"
                                + " trial_timeout)")
                : Fields.of(tree, "$.training", Map.of(), "");
        training.only("epochs", "batch_size", "schedule_units", "seed", "repeats", "on_divergence", "trial_timeout");
        IntSetting epochs = intSetting(training, "epochs", 10, 1, 100_000);
        IntSetting batch = intSetting(training, "batch_size", 64, 1, 1_000_000);
        b.epochs(epochs).batchSize(batch);
        ScheduleUnits units = ScheduleUnits.parse(training.choice("schedule_units", "run", "run", "epochs", "steps"));
        b.units(units);
        b.trainingSeed(training.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        b.repeats((int) training.integer("repeats", 1, 1, 20));
        b.divergence(divergence(training));
        b.trialTimeout(duration(training, "trial_timeout"));

        if (top.has("pbt")) {
            b.pbt(PbtSection.read(top, epochs));
        } else if (!top.has("template")) {
            throw tree.error(
                    "$",
                    "missing field 'template': the schedules to search (a template config, inline or a"
                            + " file name)");
        }
        if (top.has("template")) {
            Template template = template(top);
            checkTemplate(template, optimizer, units, epochs, batch, loaded);
            b.template(template);
        }
        List<Baseline> baselines = baselines(top, optimizer);
        checkBaselines(baselines, optimizer, epochs, batch, loaded);
        b.baselines(baselines);
        b.confirmSeeds((int) top.integer("confirm_seeds", 3, 0, 20));

        b.sampler(
                top.has("sampler")
                        ? SamplerSpec.read(top.map("sampler", "a sampler such as {type: tpe}"))
                        : SamplerSpec.of("tpe"));
        b.pruner(
                top.has("pruner")
                        ? PrunerSpec.read(top.map("pruner", "a pruner such as {type: pareto}"), objectives.size())
                        : PrunerSpec.of(objectives.size() > 1 ? "pareto" : "median"));

        Fields budget = top.has("budget")
                ? top.map("budget", "a budget such as {trials: 50, timeout: 10m}")
                : Fields.of(tree, "$.budget", Map.of(), "");
        budget.only("trials", "timeout");
        b.trials((int) budget.integer("trials", 50, 1, 1_000_000));
        b.timeout(duration(budget, "timeout"));
        b.jobs((int) top.integer("jobs", 1, 1, 256));
        // outputs count from the working folder (as Optuna's sqlite:/// URLs do), inputs from the config's
        Path output =
                top.has("output") ? Path.of(top.string("output", "")) : Path.of("schedtune-runs", safeFileName(name));
        b.output(output);
        if (top.has("storage")) {
            b.storage(top.string("storage", ""));
        }
        return b.build();
    }

    /** Reads {@code key} of {@code fields}: a whole number in [min, max], a tune_int or a tune_choice. */
    static IntSetting intSetting(Fields fields, String key, long defaultValue, long min, long max) {
        Object v = fields.raw(key);
        String at = fields.path(key);
        if (v == null) {
            return IntSetting.fixed(key, defaultValue);
        }
        if (!(v instanceof Map<?, ?>)) {
            return IntSetting.fixed(key, fields.integerValue(at, key, v, min, max));
        }
        Fields t = Fields.of(fields.tree(), at, v, "a number or a tune_int / tune_choice");
        String type = t.choice("type", "", "tune_int", "tune_choice");
        String name = t.string("name", key);
        if (type.equals("tune_int")) {
            t.only("type", "name", "low", "high", "step", "log");
            long low = t.integer("low", min, min, max);
            long high = t.integer("high", max, min, max);
            if (!t.has("low") || !t.has("high")) {
                throw fields.tree().error(at, "a tune_int needs 'low' and 'high'");
            }
            if (low > high) {
                throw t.error("low", "low (" + low + ") must be <= high (" + high + ")");
            }
            long step = t.integer("step", 1, 1, Math.max(1, high - low));
            boolean log = t.bool("log", false);
            if (log && step != 1) {
                throw t.error("log", "a log range cannot have a step (" + step + ")");
            }
            return IntSetting.range(name, low, high, step, log);
        }
        t.only("type", "name", "options");
        List<Object> options = t.list("options");
        if (options.isEmpty()) {
            throw t.error("options", "options must not be empty");
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            values.add(fields.integerValue(t.path("options") + "[" + i + "]", key, options.get(i), min, max));
        }
        if (values.stream().distinct().count() != values.size()) {
            throw t.error("options", "options " + values + " repeat a value");
        }
        return IntSetting.choice(name, values);
    }

    /** The name in {@code baselines:} of the common defaults ({@link Baseline#common()}). */
    static final String COMMON_BASELINES = "common";

    /**
     * {@code baselines}: {@code common} (the common defaults), {@code none}, or a list of {@code common}
     * and {@code {name: ..., schedule: <schedule config>}} entries. Without the field: the common defaults
     * for SGD studies (their lrs suit SGD), none for Adam.
     */
    private List<Baseline> baselines(Fields top, OptimizerSpec optimizer) {
        if (!top.has("baselines")) {
            return optimizer.kind() == OptimizerSpec.Kind.SGD ? Baseline.common() : List.of();
        }
        Object v = top.raw("baselines");
        if (COMMON_BASELINES.equals(v)) {
            return Baseline.common();
        }
        if ("none".equals(v)) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw top.error(
                    "baselines",
                    "got " + Fields.describe(v) + "; write baselines: common, baselines: none, or a list of common"
                            + " and {name: ..., schedule: {...}} entries");
        }
        List<Baseline> out = new ArrayList<>();
        List<?> entries = (List<?>) v;
        for (int i = 0; i < entries.size(); i++) {
            String at = top.path("baselines") + "[" + i + "]";
            Object e = entries.get(i);
            if (COMMON_BASELINES.equals(e)) {
                out.addAll(Baseline.common());
                continue;
            }
            Fields f = Fields.of(tree, at, e, "common, or a baseline {name: ..., schedule: {...}}");
            f.only("name", "schedule");
            String name = f.requiredString("name", "the baseline's name, shown in tables and the report");
            Object schedule = f.raw("schedule");
            if (!(schedule instanceof Map<?, ?>)) {
                throw tree.error(
                        f.path("schedule"),
                        "got " + Fields.describe(schedule) + "; expected a schedule config in optimizer steps, such as"
                                + " {type: torch.OneCycleLR, max_lr: 0.1, total_steps: total_steps}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) schedule;
            try {
                out.add(Baseline.of(name, config));
            } catch (IllegalArgumentException ex) {
                throw tree.error(at, ex.getMessage());
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (names.contains(out.get(i).name())) {
                throw top.error("baselines", "baseline '" + out.get(i).name() + "' is listed twice");
            }
            names.add(out.get(i).name());
        }
        return out;
    }

    /** Every baseline builds and suits the optimizer at the shortest and longest run the study trains. */
    private void checkBaselines(
            List<Baseline> baselines, OptimizerSpec optimizer, IntSetting epochs, IntSetting batch, Task task) {
        for (int i = 0; i < baselines.size(); i++) {
            Baseline baseline = baselines.get(i);
            String at =
                    tree.root() instanceof Map<?, ?> && ((Map<?, ?>) tree.root()).get("baselines") instanceof List<?>
                            ? "$.baselines[" + i + "]"
                            : "$.baselines";
            for (long e : new long[] {epochs.low(), epochs.high()}) {
                int spe = (int) Math.max(1, (task.train().size() + batch.low() - 1) / batch.low());
                try {
                    optimizer.validate(baseline.schedules(spe, (int) e), Math.min(e * spe, 1_000_000));
                } catch (IllegalArgumentException ex) {
                    throw tree.error(at, "baseline '" + baseline.name() + "' (" + e + " epochs): " + ex.getMessage());
                }
            }
        }
    }

    private TaskSpec task(Fields f) {
        String kind = f.requiredString("type", "the task kind: digits, two_spirals, blobs, teacher_student or csv");
        Map<String, Object> params = new LinkedHashMap<>(f.rest("type", PROBLEM));
        if (f.has(PROBLEM)) {
            // a CSV task's own 'type' parameter (classification or regression); 'type' names the task kind here
            params.put("type", f.raw(PROBLEM));
        }
        for (String key : List.of("path", "validation_path")) {
            Object p = params.get(key);
            if (p instanceof String && !((String) p).isBlank()) {
                params.put(key, resolve((String) p).toString());
            }
        }
        try {
            return TaskSpec.of(kind, params);
        } catch (IllegalArgumentException e) {
            throw f.error(paramNamed(e.getMessage(), f), e.getMessage());
        }
    }

    /** The field a task/model/optimizer message is about, if it names one in quotes, else the kind. */
    private static String paramNamed(String message, Fields f) {
        if (message.contains("'type'") && f.has(PROBLEM)) {
            return PROBLEM;
        }
        for (String key : f.asMap().keySet()) {
            if (message.contains("'" + key + "'") || message.contains(key + " (")) {
                return key;
            }
        }
        return "type";
    }

    private Task load(TaskSpec task) {
        try {
            return task.load();
        } catch (IllegalArgumentException e) {
            throw tree.error("$.task", "the task cannot be loaded: " + e.getMessage());
        }
    }

    private List<TuningObjective> objectives(Fields top, TaskSpec task) {
        if (!top.has("objectives")) {
            return List.of(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS);
        }
        List<Object> names = top.list("objectives");
        if (names.isEmpty()) {
            throw top.error("objectives", "give at least one of validation_loss, seconds, accuracy");
        }
        List<TuningObjective> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String at = top.path("objectives") + "[" + i + "]";
            Object n = names.get(i);
            TuningObjective o;
            try {
                o = TuningObjective.parse(String.valueOf(n));
            } catch (IllegalArgumentException e) {
                throw tree.error(at, "objective '" + n + "' is unknown; allowed: validation_loss, seconds, accuracy");
            }
            if (out.contains(o)) {
                throw tree.error(at, "objective '" + n + "' is listed twice");
            }
            boolean regression = task.kind().equals(TaskSpec.TEACHER_STUDENT)
                    || "regression".equals(task.params().get("type"));
            if (o == TuningObjective.ACCURACY && regression) {
                throw tree.error(
                        at, "objective accuracy needs a classification task; " + task.kind() + " is regression");
            }
            out.add(o);
        }
        return out;
    }

    private ModelSpec model(Fields f, Task task) {
        String kind = f.choice("type", "mlp", "mlp", "cnn");
        ModelSpec model;
        try {
            model = ModelSpec.of(kind, f.rest("type"));
        } catch (IllegalArgumentException e) {
            throw f.error(paramNamed(e.getMessage(), f), e.getMessage());
        }
        if (model.kind() == ModelSpec.Kind.CNN && task.featureShape().size() != 3) {
            throw f.error(
                    "type",
                    "a cnn needs image-shaped rows (channels x height x width); task " + task.name()
                            + " has rows of shape " + task.featureShape() + ": use {type: mlp}");
        }
        return model;
    }

    private static OptimizerSpec optimizer(Fields f) {
        String kind = f.choice("type", "sgd", "sgd", "adam", "adamw");
        try {
            return OptimizerSpec.of(kind, f.rest("type"));
        } catch (IllegalArgumentException e) {
            throw f.error(paramNamed(e.getMessage(), f), e.getMessage());
        }
    }

    /** A duration field ({@code 90s}, {@code 10m}, a number of seconds), or null if absent. */
    static @Nullable Duration duration(Fields fields, String name) {
        if (!fields.has(name)) {
            return null;
        }
        Object t = fields.raw(name);
        try {
            return Durations.parse(t instanceof Number ? String.valueOf(t) : fields.string(name, ""), name);
        } catch (IllegalArgumentException e) {
            throw fields.error(name, e.getMessage());
        }
    }

    private static DivergencePolicy divergence(Fields training) {
        Object v = training.raw("on_divergence");
        if (v == null || "fail".equals(v)) {
            return DivergencePolicy.fail();
        }
        if (v instanceof Map<?, ?>) {
            Fields p = Fields.of(training.tree(), training.path("on_divergence"), v, "");
            p.only("penalty");
            if (!p.has("penalty")) {
                throw training.error("on_divergence", "write on_divergence: fail, or on_divergence: {penalty: 10}");
            }
            return DivergencePolicy.penalty(p.number("penalty", 0, -Double.MAX_VALUE, Double.MAX_VALUE));
        }
        throw training.error(
                "on_divergence",
                "got " + Fields.describe(v) + "; write on_divergence: fail (the trial fails), or"
                        + " on_divergence: {penalty: 10} (it completes with that validation loss)");
    }

    private Template template(Fields top) {
        Object v = top.raw("template");
        Object built;
        if (v instanceof String) {
            Path file = resolve((String) v);
            built = Configs.read(file).build(registry);
        } else if (v instanceof Map<?, ?>) {
            built = tree.build("$.template", registry);
        } else {
            throw top.error(
                    "template",
                    "got " + Fields.describe(v) + "; expected a template config (a map with type: template) or"
                            + " the name of a template file");
        }
        if (built instanceof Template) {
            return (Template) built;
        }
        // a fixed schedule: nothing to tune in it (the study may still tune epochs or batch size)
        return Template.from((Specified) built);
    }

    private void checkTemplate(
            Template template,
            OptimizerSpec optimizer,
            ScheduleUnits units,
            IntSetting epochs,
            IntSetting batch,
            Task task) {
        SplittableRandom random = new SplittableRandom(0);
        List<Suggester> probes = new ArrayList<>();
        probes.add(new Probe(0, random));
        probes.add(new Probe(1, random));
        for (int i = 0; i < 8; i++) {
            probes.add(new Probe(-1, random));
        }
        for (Suggester probe : probes) {
            Map<String, Object> values = template.suggest(probe);
            ScheduleSet set;
            try {
                set = template.bindSet(values);
            } catch (IllegalArgumentException e) {
                throw tree.error("$.template", "with " + values + ": " + e.getMessage());
            }
            for (long e : new long[] {epochs.low(), epochs.high()}) {
                for (long bs : new long[] {batch.low(), batch.high()}) {
                    int spe = (int) Math.max(1, (task.train().size() + bs - 1) / bs);
                    ScheduleSet steps = units.toSteps(set, spe, (int) e);
                    try {
                        optimizer.validate(steps, Math.min(e * spe, 1_000_000));
                    } catch (IllegalArgumentException ex) {
                        throw tree.error(
                                "$.template",
                                "with " + values + " (" + e + " epochs, batch size " + bs + "): " + ex.getMessage());
                    }
                }
            }
        }
    }

    /** Picks the lower ends (0), the upper ends (1) or random values (-1) of a template's parameters. */
    private static final class Probe implements Suggester {
        private final int end;
        private final SplittableRandom random;

        Probe(int end, SplittableRandom random) {
            this.end = end;
            this.random = random;
        }

        private double u() {
            return end >= 0 ? end : random.nextDouble();
        }

        @Override
        public double suggestFloat(String name, double low, double high, double step, boolean log) {
            double v =
                    log ? Math.exp(Math.log(low) + u() * (Math.log(high) - Math.log(low))) : low + u() * (high - low);
            if (step > 0) {
                v = low + Math.floor((v - low) / step + 1e-9) * step;
            }
            return Math.min(high, Math.max(low, v));
        }

        @Override
        public long suggestInt(String name, long low, long high, long step, boolean log) {
            long n = (high - low) / step;
            return low + step * Math.min(n, (long) Math.floor(u() * (n + 1)));
        }

        @Override
        public String suggestCategorical(String name, List<String> labels) {
            return labels.get(end == 0 ? 0 : end == 1 ? labels.size() - 1 : random.nextInt(labels.size()));
        }
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : base.resolve(p).normalize();
    }

    /** A study name as a folder name: letters, digits, '.', '_' and '-' kept, the rest '_'. */
    public static String safeFileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "study" + s : s;
    }

    /** {@code config} as JSON text that {@link #parse} reads back into an equal config. */
    public static String write(StudyConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedtune", FORMAT_VERSION);
        m.put("study", config.name());
        m.put("seed", config.seed());
        m.putAll(definition(config));
        if (config.trialTimeout() != null) {
            // not part of the definition: like the budget, it may change when the study is resumed
            @SuppressWarnings("unchecked")
            Map<String, Object> training = (Map<String, Object>) m.get("training");
            training.put("trial_timeout", Durations.format(Objects.requireNonNull(config.trialTimeout())));
        }
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("trials", config.trials());
        if (config.timeout() != null) {
            budget.put("timeout", Durations.format(Objects.requireNonNull(config.timeout())));
        }
        m.put("budget", budget);
        m.put("confirm_seeds", config.confirmSeeds());
        m.put("jobs", config.jobs());
        // never a password: the stored config is readable by anyone who can read the study
        m.put("storage", PostgresLocation.redact(config.storage()));
        m.put("output", config.output().toString());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the study config", e);
        }
    }

    /**
     * What defines the study's trials (task, model, optimizer, training, template, objectives, sampler,
     * pruner) as plain data: a resumed study must have the same definition. Budget, jobs, storage and
     * output may change between runs.
     */
    public static Map<String, Object> definition(StudyConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> taskParams = new LinkedHashMap<>();
        config.task().params().forEach((k, v) -> taskParams.put(k.equals("type") ? PROBLEM : k, v));
        m.put("task", kindAndParams(config.task().kind(), taskParams));
        m.put("model", kindAndParams(config.model().kindName(), config.model().params()));
        m.put(
                "optimizer",
                kindAndParams(
                        config.optimizer().kind().configName(),
                        config.optimizer().params()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("epochs", config.epochs().toConfig());
        training.put("batch_size", config.batchSize().toConfig());
        training.put("schedule_units", config.units().configName());
        training.put("seed", config.trainingSeed());
        training.put("repeats", config.repeats());
        training.put(
                "on_divergence",
                config.divergence().fails()
                        ? "fail"
                        : Map.of("penalty", config.divergence().lossPenalty()));
        m.put("training", training);
        if (config.hasTemplate()) {
            m.put("template", plain(Configs.write(config.template(), ConfigFormat.JSON)));
        }
        config.pbt().ifPresent(pbt -> m.put("pbt", PbtSection.write(pbt)));
        m.put(
                "objectives",
                config.objectives().stream().map(TuningObjective::configName).toList());
        m.put("baselines", config.baselines().stream().map(Baseline::toConfig).toList());
        m.put("sampler", config.sampler().toConfig());
        m.put("pruner", config.pruner().toConfig());
        return m;
    }

    private static Map<String, Object> kindAndParams(String kind, Map<String, Object> params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", kind);
        m.putAll(params);
        return m;
    }

    private static Map<String, Object> plain(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back " + json, e);
        }
    }
}
