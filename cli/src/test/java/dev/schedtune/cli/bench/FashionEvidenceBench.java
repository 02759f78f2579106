package dev.schedtune.cli.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schedtune.cli.SchedtuneCli;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tunable;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Splits;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.train.TrainingSession;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.Confirmation.Stats;
import dev.schedtune.trainers.tuning.ScheduleUnits;
import dev.schedtune.trainers.tuning.TrialRecord;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Does tuning pay on Fashion-MNIST? The evidence of the issue "Tuning that pays" (run by {@code
 * cli/bench/fashion-evidence.sh}; a benchmark, not a test). Parts, each skippable with {@code --parts}:
 *
 * <ol>
 *   <li>{@code samplers}: the built-in study with the default sampler and with random search, same budget,
 *       several study seeds, no confirmation; the hypervolume of validation loss × seconds of each study's
 *       front with one normalisation over all of them (target (d): the default beats random by more than 2
 *       standard errors of the difference);
 *   <li>{@code study}: one larger study (a bigger training subset, longer runs) whose front gives the tuned
 *       schedules;
 *   <li>{@code retrain}: from that front, the schedule a user would take at 2-3 epoch counts, and the six
 *       common baselines at the same epoch counts, re-trained on all but 1,000 of the 60,000 training images
 *       with fresh seeds, judged on the 10,000 test images after every epoch (two JVMs train at once, each
 *       on one thread);
 *   <li>{@code torch}: the same baselines trained in PyTorch 1.13 eager with PyTorch's own schedulers, and
 *       the tuned schedules exported with {@code schedtune export --to pytorch}, on the same images
 *       ({@code cli/bench/torch_fashion_evidence.py});
 *   <li>{@code report}: the tables and ratios for BENCHMARKS.md, and {@code evidence.json} for the report.
 * </ol>
 */
public final class FashionEvidenceBench {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String DATA = "/usr/share/datasets/fashion-mnist/";
    /** Images held out of the 60,000 for the (unused) validation split of a re-training run. */
    private static final double RETRAIN_VALIDATION = 1000.0 / 60000;

    private FashionEvidenceBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, String> o = options(args);
        if (o.containsKey("--shard")) {
            Task task = o.containsKey("--train-subset")
                    ? TaskSpec.of(
                                    TaskSpec.FASHION_MNIST,
                                    Map.of(
                                            "train_subset",
                                            Integer.parseInt(o.get("--train-subset")),
                                            "validation_fraction",
                                            Double.parseDouble(o.get("--validation-fraction"))))
                            .load()
                    : retrainTask();
            shard(Path.of(o.get("--jobs-file")), o.get("--shard"), Path.of(o.get("--results")), task);
            return;
        }
        Path out = Path.of(o.getOrDefault("--out", "cli/bench/results/fashion"));
        Files.createDirectories(out);
        Set<String> parts = new LinkedHashSet<>(Arrays.asList(
                o.getOrDefault("--parts", "samplers,study,retrain,torch,report").split(",")));
        int jobs = Integer.parseInt(o.getOrDefault("--jobs", "2"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("machine", machine());
        meta.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("load_before", load());
        if (parts.contains("samplers")) {
            samplers(out, o, jobs);
        }
        if (parts.contains("study")) {
            study(out, o, jobs);
        }
        if (parts.contains("retrain")) {
            retrain(out, o, jobs);
        }
        if (parts.contains("torch")) {
            torch(out, o, jobs);
        }
        meta.put("load_after", load());
        if (parts.contains("report")) {
            report(out, o, meta);
        }
    }

    // ---- (d) the default sampler against random search -------------------------------------------

    private static String builtIn(Map<String, String> replace) {
        String text = StudyConfigReader.defaultStudyText();
        for (Map.Entry<String, String> e : replace.entrySet()) {
            if (!text.contains(e.getKey())) {
                throw new IllegalStateException("the built-in study no longer holds '" + e.getKey() + "'");
            }
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    private static void samplers(Path out, Map<String, String> o, int jobs) throws IOException {
        List<String> samplers =
                List.of(o.getOrDefault("--samplers", "default,random").split(","));
        long[] seeds = longs(o.getOrDefault("--sampler-seeds", "0,1,2,3,4"));
        Path dir = out.resolve("samplers");
        Files.createDirectories(dir);
        Path config = dir.resolve("study.yaml");
        Files.writeString(config, builtIn(Map.of("confirm_seeds: 3", "confirm_seeds: 0")));
        for (long seed : seeds) {
            for (String sampler : samplers) {
                String name = sampler + "-seed" + seed;
                if (Files.exists(dir.resolve(name).resolve("pareto.json"))) {
                    System.out.println("study " + name + " done before; kept");
                    continue;
                }
                Path studyConfig = config;
                if (sampler.equals("tpe-multivariate")) {
                    // MOTPE sampling epochs, family and the family's parameters jointly (Optuna's
                    // multivariate=True, group=True), not one parameter at a time
                    studyConfig = dir.resolve("study-tpe-multivariate.yaml");
                    Files.writeString(
                            studyConfig,
                            builtIn(Map.of(
                                    "confirm_seeds: 3",
                                    "confirm_seeds: 0",
                                    "sampler: {type: tpe}",
                                    "sampler: {type: tpe, multivariate: true, group: true}")));
                }
                List<String> a = new ArrayList<>(List.of(
                        "tune",
                        "--config",
                        studyConfig.toString(),
                        "--study",
                        name,
                        "--seed",
                        Long.toString(seed),
                        "--jobs",
                        Integer.toString(jobs),
                        "--out",
                        dir.resolve(name).toString(),
                        "--progress",
                        "quiet"));
                if (!sampler.equals("default") && !sampler.equals("tpe-multivariate")) {
                    a.addAll(List.of("--sampler", sampler));
                }
                long t0 = System.nanoTime();
                run(a);
                System.out.printf("study %-16s in %.0f s (load %s)%n", name, (System.nanoTime() - t0) / 1e9, load());
            }
        }
    }

    // ---- the evidence study ------------------------------------------------------------------------

    private static void study(Path out, Map<String, String> o, int jobs) throws IOException {
        Path dir = out.resolve("study");
        if (Files.exists(dir.resolve("pareto.json"))) {
            System.out.println("evidence study done before; kept");
            return;
        }
        Files.createDirectories(dir);
        String subset = o.getOrDefault("--study-subset", "20000");
        String[] epochs = o.getOrDefault("--study-epochs", "2-8").split("-");
        String trials = o.getOrDefault("--study-trials", "40");
        Path config = dir.resolve("study.yaml");
        Files.writeString(
                config,
                builtIn(Map.of(
                        "train_subset: 6000", "train_subset: " + subset,
                        "low: 2, high: 6}", "low: " + epochs[0] + ", high: " + epochs[1] + "}",
                        "budget: {trials: 30}", "budget: {trials: " + trials + "}",
                        "confirm_seeds: 3", "confirm_seeds: 0",
                        "study: fashion-schedules", "study: evidence")));
        long t0 = System.nanoTime();
        run(List.of(
                "tune",
                "--config",
                config.toString(),
                "--jobs",
                Integer.toString(jobs),
                "--out",
                dir.toString(),
                "--progress",
                "quiet"));
        Files.writeString(dir.resolve("seconds.txt"), String.format("%.0f%n", (System.nanoTime() - t0) / 1e9));
    }

    private static StudyResults results(Path db, String name) {
        try (Storage s = Storages.open(db.toString())) {
            StudyRecord r = s.findStudy(name).orElseThrow();
            return StudyResults.of(
                    name, s.trials(r.studyId()), r.directions(), List.of("validation_loss", "seconds"), "family");
        }
    }

    // ---- re-training on the 60,000 images ------------------------------------------------------------

    /** One re-training run: a schedule (steps of the 59,000-image run), its epochs and seed. */
    record Job(String name, String kind, int epochs, long seed, String schedule) {}

    /** The training run's figures after every epoch. */
    /** One run's per-epoch figures; the PyTorch side also writes the module it trained ("module"). */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Curve(
            String name,
            String kind,
            int epochs,
            long seed,
            List<Double> testAccuracy,
            List<Double> testLoss,
            List<Double> seconds) {}

    static final int BATCH = 128;

    private static Task retrainTask() {
        return TaskSpec.of(
                        TaskSpec.FASHION_MNIST,
                        Map.of("train_subset", 60000, "validation_fraction", RETRAIN_VALIDATION, "split_seed", 0))
                .load();
    }

    private static void retrain(Path out, Map<String, String> o, int jobs) throws Exception {
        Path dir = out.resolve("retrain");
        Files.createDirectories(dir);
        KindRegistry kinds = KindRegistry.builtIn();
        StudyResults study = results(out.resolve("study").resolve("study.db"), "evidence");
        Template template;
        try (Storage s = Storages.open(out.resolve("study").resolve("study.db").toString())) {
            String stored = (String)
                    s.studySystemAttrs(s.findStudy("evidence").orElseThrow().studyId())
                            .get("schedtune.config");
            template = StudyConfigReader.parse(stored, ConfigFormat.JSON, "stored", Path.of(""), kinds)
                    .template();
        }
        List<FrozenTrial> chosen = choose(study, Integer.parseInt(o.getOrDefault("--picks", "2")));
        int spe = (retrainTask().train().size() + BATCH - 1) / BATCH;
        long[] seeds = longs(o.getOrDefault("--retrain-seeds", "100,101,102"));
        List<Job> list = new ArrayList<>();
        Map<String, Object> picks = new LinkedHashMap<>();
        Set<Integer> epochCounts = new LinkedHashSet<>();
        for (FrozenTrial t : chosen) {
            int epochs = TrialRecord.from(t).plannedEpochs().orElseThrow();
            epochCounts.add(epochs);
            Map<String, Object> values = new LinkedHashMap<>();
            Set<String> names = new LinkedHashSet<>();
            template.space().forEach(p -> names.add(p.name()));
            t.params().forEach((k, v) -> {
                if (names.contains(k)) {
                    values.put(k, v);
                }
            });
            ScheduleSet steps = ScheduleUnits.RUN.toSteps(template.bindSet(values), spe, epochs);
            String name = "tuned #" + t.number() + " " + study.family(t);
            String config = Configs.write(steps, ConfigFormat.JSON);
            Files.writeString(dir.resolve("tuned-" + t.number() + ".json"), config);
            picks.put(
                    name,
                    Map.of(
                            "trial",
                            t.number(),
                            "epochs",
                            epochs,
                            "params",
                            t.params(),
                            "validation_loss",
                            t.values().get(0),
                            "seconds",
                            t.values().get(1)));
            for (long seed : seeds) {
                list.add(new Job(name, "tuned", epochs, seed, config));
            }
        }
        for (int epochs : epochCounts) {
            for (Baseline b : Baseline.common()) {
                String config = Configs.write(b.schedules(spe, epochs), ConfigFormat.JSON);
                for (long seed : seeds) {
                    list.add(new Job(b.name(), "baseline", epochs, seed, config));
                }
            }
        }
        JSON.writeValue(dir.resolve("picks.json").toFile(), picks);
        Path jobsFile = dir.resolve("jobs.json");
        JSON.writeValue(jobsFile.toFile(), list);
        writeIndices(dir.resolve("train_indices.txt"));
        shards(jobsFile, dir, jobs, List.of());
    }

    /**
     * Runs the jobs of {@code jobsFile} in {@code jobs} JVMs of one thread each (DJL's autograd is
     * process-global), each writing {@code dir/djl-K.json}; a shard whose file exists ran before and is
     * kept. {@code extra} is passed to every shard (e.g. {@code --train-subset N}).
     */
    static void shards(Path jobsFile, Path dir, int jobs, List<String> extra) throws Exception {
        List<Process> shards = new ArrayList<>();
        for (int k = 0; k < jobs; k++) {
            Path results = dir.resolve("djl-" + k + ".json");
            if (Files.exists(results)) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true",
                    "-Dai.djl.pytorch.num_threads=1",
                    "-Dai.djl.pytorch.num_interop_threads=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    FashionEvidenceBench.class.getName(),
                    "--shard",
                    k + "/" + jobs,
                    "--jobs-file",
                    jobsFile.toString(),
                    "--results",
                    results.toString()));
            command.addAll(extra);
            shards.add(new ProcessBuilder(command).inheritIO().start());
        }
        for (Process p : shards) {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("a training shard failed");
            }
        }
    }

    /**
     * The schedules a user would take from the front: the searched (not baseline) front trials with the
     * most epochs and, for more picks, the ones nearest to evenly spaced fractions of that, each the lowest
     * validation loss at its epoch count.
     */
    static List<FrozenTrial> choose(StudyResults study, int picks) {
        List<FrozenTrial> front = study.front().stream()
                .filter(t -> !study.isBaseline(t))
                .sorted(Comparator.comparingInt(
                        (FrozenTrial t) -> TrialRecord.from(t).plannedEpochs().orElse(0)))
                .toList();
        if (front.isEmpty()) {
            throw new IllegalStateException("the evidence study's front holds no tuned trial");
        }
        List<FrozenTrial> out = new ArrayList<>();
        for (int i = 0; i < picks; i++) {
            int at = picks == 1
                    ? front.size() - 1
                    : (int) Math.round((front.size() - 1) * (1 - (double) i / (picks - 1)));
            FrozenTrial t = front.get(Math.max(0, at));
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The training rows of the re-training task, as indices of the 60,000 images (for the PyTorch side). */
    private static void writeIndices(Path file) throws IOException {
        int[] labels = labels(Path.of(DATA, "train-labels-idx1-ubyte.gz"));
        float[] index = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            index[i] = i;
        }
        Dataset all = Dataset.classification(index, 1, labels, 10);
        Dataset train = Splits.split(all, RETRAIN_VALIDATION, 0)[0];
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < train.size(); i++) {
            b.append((int) train.feature(i, 0)).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    private static int[] labels(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                DataInputStream d = new DataInputStream(in)) {
            d.readInt();
            int n = d.readInt();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = d.readUnsignedByte();
            }
            return out;
        }
    }

    /**
     * Runs every {@code n}-th job from {@code k} in this JVM on {@code task} (the 59,000-image re-training
     * task unless {@code --train-subset} says otherwise), the test split judged after each epoch.
     */
    private static void shard(Path jobsFile, String shard, Path results, Task task) throws IOException {
        String[] kn = shard.split("/");
        int k = Integer.parseInt(kn[0]);
        int n = Integer.parseInt(kn[1]);
        List<Job> jobs = JSON.readValue(jobsFile.toFile(), new TypeReference<List<Job>>() {});
        KindRegistry kinds = KindRegistry.builtIn();
        List<Curve> curves = new ArrayList<>();
        for (int i = k; i < jobs.size(); i += n) {
            Job job = jobs.get(i);
            ScheduleSet schedules =
                    Configs.parse(job.schedule(), ConfigFormat.JSON, job.name()).buildSet(kinds);
            List<Double> acc = new ArrayList<>();
            List<Double> loss = new ArrayList<>();
            List<Double> secs = new ArrayList<>();
            double trained = 0;
            try (TrainingSession s = TrainingSession.open(
                    task, ModelSpec.referenceCnn(), OptimizerSpec.sgd(0.9), schedules, BATCH, job.seed())) {
                for (int e = 0; e < job.epochs(); e++) {
                    long t0 = System.nanoTime();
                    TrainingSession.EpochOutcome epoch = s.trainEpoch();
                    trained += (System.nanoTime() - t0) / 1e9;
                    if (epoch.diverged()) {
                        acc.add(Double.NaN);
                        loss.add(Double.NaN);
                        secs.add(trained);
                        break;
                    }
                    TrainingSession.Evaluation test = s.evaluateTest();
                    acc.add(test.accuracy());
                    loss.add(test.loss());
                    secs.add(trained);
                }
            }
            curves.add(new Curve(job.name(), job.kind(), job.epochs(), job.seed(), acc, loss, secs));
            System.out.printf(
                    "shard %d: %-44s %d epochs seed %d: test accuracy %.4f, %.0f s%n",
                    k, job.name(), job.epochs(), job.seed(), acc.get(acc.size() - 1), trained);
            JSON.writeValue(results.toFile(), curves);
        }
        JSON.writeValue(results.toFile(), curves);
    }

    // ---- PyTorch 1.13 eager ---------------------------------------------------------------------------

    private static void torch(Path out, Map<String, String> o, int jobs) throws Exception {
        Path dir = out.resolve("retrain");
        Map<String, Map<String, Object>> picks =
                JSON.readValue(dir.resolve("picks.json").toFile(), new TypeReference<>() {});
        List<Map<String, Object>> torchJobs = new ArrayList<>();
        long[] seeds = longs(o.getOrDefault("--retrain-seeds", "100,101,102"));
        Set<Integer> epochCounts = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : picks.entrySet()) {
            int trial = ((Number) e.getValue().get("trial")).intValue();
            int epochs = ((Number) e.getValue().get("epochs")).intValue();
            epochCounts.add(epochs);
            Path module = dir.resolve("tuned_" + trial + ".py");
            run(List.of(
                    "export",
                    "--config",
                    dir.resolve("tuned-" + trial + ".json").toString(),
                    "--to",
                    "pytorch",
                    "--out",
                    module.toString()));
            for (long seed : seeds) {
                torchJobs.add(Map.of(
                        "name",
                        e.getKey() + " (exported)",
                        "kind",
                        "exported",
                        "epochs",
                        epochs,
                        "seed",
                        seed,
                        "module",
                        module.toString()));
            }
        }
        boolean all = o.getOrDefault("--torch-baselines", "all").equals("all");
        List<Curve> djl = all ? List.of() : curves(dir, "djl-");
        for (int epochs : epochCounts) {
            for (Baseline b : Baseline.common()) {
                if (!all && !b.name().equals(bestBaseline(djl, epochs))) {
                    continue;
                }
                for (long seed : seeds) {
                    torchJobs.add(Map.of("name", b.name(), "kind", "torch", "epochs", epochs, "seed", seed));
                }
            }
        }
        Path jobsFile = dir.resolve("torch-jobs.json");
        JSON.writeValue(jobsFile.toFile(), torchJobs);
        List<Process> shards = new ArrayList<>();
        for (int k = 0; k < jobs; k++) {
            Path results = dir.resolve("torch-" + k + ".json");
            if (Files.exists(results)) {
                continue;
            }
            shards.add(new ProcessBuilder(
                            "/usr/bin/python3",
                            "cli/bench/torch_fashion_evidence.py",
                            "--jobs",
                            jobsFile.toString(),
                            "--indices",
                            dir.resolve("train_indices.txt").toString(),
                            "--shard",
                            k + "/" + jobs,
                            "--out",
                            results.toString())
                    .inheritIO()
                    .start());
        }
        for (Process p : shards) {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("a PyTorch shard failed");
            }
        }
    }

    /** The DJL baseline with the best mean final test accuracy at {@code epochs} (for --torch-baselines best). */
    private static String bestBaseline(List<Curve> djl, int epochs) {
        Map<String, List<Curve>> byName = new LinkedHashMap<>();
        djl.stream()
                .filter(c -> c.kind().equals("baseline") && c.epochs() == epochs)
                .forEach(c ->
                        byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c));
        return byName.entrySet().stream()
                .max(Comparator.comparingDouble(e -> Arrays.stream(last(e.getValue(), Curve::testAccuracy))
                        .average()
                        .orElse(Double.NaN)))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no DJL baseline runs at " + epochs + " epochs"));
    }

    // ---- the tables ---------------------------------------------------------------------------------

    static List<Curve> curves(Path dir, String prefix) throws IOException {
        List<Curve> all = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith(".json")
                            && !f.getFileName().toString().endsWith("jobs.json")) // torch-jobs.json: the inputs
                    .sorted()
                    .toList()) {
                all.addAll(JSON.readValue(p.toFile(), new TypeReference<List<Curve>>() {}));
            }
        }
        return all;
    }

    static double[] last(List<Curve> runs, java.util.function.Function<Curve, List<Double>> f) {
        return runs.stream()
                .mapToDouble(c -> {
                    List<Double> v = f.apply(c);
                    return v.size() == c.epochs() ? v.get(v.size() - 1) : Double.NaN;
                })
                .toArray();
    }

    private static void report(Path out, Map<String, String> o, Map<String, Object> meta) throws IOException {
        PrintWriter p = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Map<String, Object> evidence = new LinkedHashMap<>(meta);
        evidence.put(
                "description",
                "Fashion-MNIST, the reference CNN, SGD momentum 0.9, batch 128: the tuned"
                        + " schedules of a study against the common defaults, re-trained on 59,000 training images with fresh"
                        + " seeds and judged on the 10,000 test images (cli/bench/fashion-evidence.sh).");
        evidence.put("metric", "test");
        // (d)
        Path samplersDir = out.resolve("samplers");
        if (Files.isDirectory(samplersDir)) {
            evidence.put("samplers", samplerTable(samplersDir, p));
        }
        Path dir = out.resolve("retrain");
        if (!Files.isDirectory(dir)) {
            JSON.writeValue(out.resolve("evidence.json").toFile(), evidence);
            return;
        }
        List<Curve> djl = curves(dir, "djl-");
        List<Curve> torch = curves(dir, "torch-");
        Map<String, Map<String, Object>> picks =
                JSON.readValue(dir.resolve("picks.json").toFile(), new TypeReference<>() {});
        p.println();
        p.println("Picked from the evidence study's front: " + picks);
        List<Integer> epochCounts =
                djl.stream().map(Curve::epochs).distinct().sorted().toList();
        List<Map<String, Object>> groups = new ArrayList<>();
        p.println();
        p.println(
                "(a) better model, at equal epochs (test split, mean ± sd over seeds; best baseline chosen after the fact):");
        p.println(
                "| epochs | schedule | engine | test accuracy | test loss | seconds | vs best baseline (accuracy) | vs best (loss) |");
        p.println("|---|---|---|---|---|---|---|---|");
        Stats bestOverall = null;
        double bestOverallSeconds = Double.NaN;
        String bestOverallName = "";
        int maxEpochs = epochCounts.isEmpty() ? 0 : epochCounts.get(epochCounts.size() - 1);
        for (int e : epochCounts) {
            Map<String, List<Curve>> byName = new LinkedHashMap<>();
            djl.stream()
                    .filter(c -> c.epochs() == e)
                    .forEach(c -> byName.computeIfAbsent(c.name(), k -> new ArrayList<>())
                            .add(c));
            String best = null;
            for (Map.Entry<String, List<Curve>> g : byName.entrySet()) {
                if (g.getValue().get(0).kind().equals("baseline")) {
                    double m = Stats.of(last(g.getValue(), Curve::testAccuracy)).mean();
                    if (best == null
                            || m
                                    > Stats.of(last(byName.get(best), Curve::testAccuracy))
                                            .mean()) {
                        best = g.getKey();
                    }
                }
            }
            Stats bestAcc = best == null ? null : Stats.of(last(byName.get(best), Curve::testAccuracy));
            Stats bestLoss = best == null ? null : Stats.of(last(byName.get(best), Curve::testLoss));
            if (e == maxEpochs && bestAcc != null) {
                bestOverall = bestAcc;
                bestOverallSeconds =
                        Stats.of(last(byName.get(best), Curve::seconds)).mean();
                bestOverallName = best;
            }
            List<Map<String, Object>> results = new ArrayList<>();
            for (Map.Entry<String, List<Curve>> g : byName.entrySet()) {
                Stats acc = Stats.of(last(g.getValue(), Curve::testAccuracy));
                Stats loss = Stats.of(last(g.getValue(), Curve::testLoss));
                Stats sec = Stats.of(last(g.getValue(), Curve::seconds));
                String vsAcc = "";
                String vsLoss = "";
                if (bestAcc != null && g.getValue().get(0).kind().equals("tuned")) {
                    double[] da = acc.minus(bestAcc);
                    double[] dl = loss.minus(bestLoss);
                    boolean pass = da[0] >= 0.003 && da[0] > 2 * da[1] && dl[0] < 0 && -dl[0] > 2 * dl[1];
                    vsAcc = String.format("%+.2f ± %.2f pts", 100 * da[0], 100 * da[1]);
                    vsLoss = String.format("%+.4f ± %.4f %s", dl[0], dl[1], pass ? "(a) met" : "(a) not met");
                } else if (g.getKey().equals(best)) {
                    vsAcc = "best baseline";
                }
                p.printf(
                        "| %d | %s | DJL | %.2f ± %.2f %% | %.4f ± %.4f | %.0f s | %s | %s |%n",
                        e,
                        g.getKey(),
                        100 * acc.mean(),
                        100 * acc.sd(),
                        loss.mean(),
                        loss.sd(),
                        sec.mean(),
                        vsAcc,
                        vsLoss);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", g.getKey());
                r.put("loss_mean", loss.mean());
                r.put("loss_sd", loss.sd());
                r.put("acc_mean", acc.mean());
                r.put(
                        "losses",
                        Arrays.stream(last(g.getValue(), Curve::testLoss))
                                .boxed()
                                .toList());
                results.add(r);
            }
            Map<String, List<Curve>> torchByName = new LinkedHashMap<>();
            torch.stream()
                    .filter(c -> c.epochs() == e)
                    .forEach(c -> torchByName
                            .computeIfAbsent(c.name(), k -> new ArrayList<>())
                            .add(c));
            for (Map.Entry<String, List<Curve>> g : torchByName.entrySet()) {
                Stats acc = Stats.of(last(g.getValue(), Curve::testAccuracy));
                Stats loss = Stats.of(last(g.getValue(), Curve::testLoss));
                Stats sec = Stats.of(last(g.getValue(), Curve::seconds));
                p.printf(
                        "| %d | %s | PyTorch | %.2f ± %.2f %% | %.4f ± %.4f | %.0f s | | |%n",
                        e, g.getKey(), 100 * acc.mean(), 100 * acc.sd(), loss.mean(), loss.sd(), sec.mean());
            }
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("epochs", e);
            group.put("results", results);
            groups.add(group);
        }
        evidence.put("schedules", groups);

        // (b) the same model sooner
        p.println();
        p.println("(b) same model sooner: a tuned schedule reaching the best baseline's final test accuracy at "
                + maxEpochs + " epochs (" + bestOverallName + ") in <= 0.7x its training time:");
        if (bestOverall != null) {
            for (String name : djl.stream()
                    .filter(c -> c.kind().equals("tuned"))
                    .map(Curve::name)
                    .distinct()
                    .toList()) {
                List<Curve> runs =
                        djl.stream().filter(c -> c.name().equals(name)).toList();
                Stats acc = Stats.of(last(runs, Curve::testAccuracy));
                double sec = Stats.of(last(runs, Curve::seconds)).mean();
                p.printf(
                        "  %s (%d epochs): %.2f %% in %.0f s = %.2fx the time of %s (%.2f %% in %.0f s): %s%n",
                        name,
                        runs.get(0).epochs(),
                        100 * acc.mean(),
                        sec,
                        sec / bestOverallSeconds,
                        bestOverallName,
                        100 * bestOverall.mean(),
                        bestOverallSeconds,
                        acc.mean() >= bestOverall.mean() && sec / bestOverallSeconds <= 0.7
                                ? "(b) met"
                                : "(b) not met");
            }
            // epochs-to-accuracy: constant lr against the tuned schedules, epoch by epoch (mean over seeds)
            p.println("  epochs to reach each tuned schedule's final test accuracy (mean curve over seeds):");
            for (String tuned : djl.stream()
                    .filter(c -> c.kind().equals("tuned"))
                    .map(Curve::name)
                    .distinct()
                    .toList()) {
                List<Curve> runs =
                        djl.stream().filter(c -> c.name().equals(tuned)).toList();
                double target = Stats.of(last(runs, Curve::testAccuracy)).mean();
                int tunedEpochs = runs.get(0).epochs();
                for (String constant : List.of("constant lr 0.1", "constant lr 0.05")) {
                    List<Curve> cs = djl.stream()
                            .filter(c -> c.name().equals(constant) && c.epochs() == maxEpochs)
                            .toList();
                    int reached = -1;
                    for (int k = 0; k < maxEpochs && !cs.isEmpty(); k++) {
                        final int kk = k;
                        double m = cs.stream()
                                .mapToDouble(c -> c.testAccuracy().size() > kk
                                        ? c.testAccuracy().get(kk)
                                        : Double.NaN)
                                .average()
                                .orElse(Double.NaN);
                        if (m >= target) {
                            reached = k + 1;
                            break;
                        }
                    }
                    p.printf(
                            "    %s: %d epochs to %.2f %%; %s: %s%n",
                            tuned,
                            tunedEpochs,
                            100 * target,
                            constant,
                            reached < 0 ? "not within " + maxEpochs + " epochs" : reached + " epochs");
                }
            }
        }

        // (c) the export transfers
        p.println();
        p.println(
                "(c) the export transfers: the tuned schedule exported to PyTorch (LambdaLR) vs the same schedule in DJL:");
        for (String name : djl.stream()
                .filter(c -> c.kind().equals("tuned"))
                .map(Curve::name)
                .distinct()
                .toList()) {
            Stats ours = Stats.of(
                    last(djl.stream().filter(c -> c.name().equals(name)).toList(), Curve::testAccuracy));
            List<Curve> theirs = torch.stream()
                    .filter(c -> c.name().equals(name + " (exported)"))
                    .toList();
            if (theirs.isEmpty()) {
                continue;
            }
            Stats pt = Stats.of(last(theirs, Curve::testAccuracy));
            double[] d = ours.minus(pt);
            p.printf(
                    "  %s: DJL %.2f ± %.2f %%, PyTorch %.2f ± %.2f %%, difference %+.2f ± %.2f pts: %s%n",
                    name,
                    100 * ours.mean(),
                    100 * ours.sd(),
                    100 * pt.mean(),
                    100 * pt.sd(),
                    100 * d[0],
                    100 * d[1],
                    Math.abs(d[0]) <= 2 * d[1] ? "(c) met (within 2 SE)" : "(c) not met");
        }
        // DJL against PyTorch on the baselines: the engines, not the schedules
        p.println();
        p.println("DJL vs PyTorch 1.13 on the baselines (same schedules, PyTorch's own schedulers on its side):");
        for (int e : epochCounts) {
            for (Baseline b : Baseline.common()) {
                List<Curve> ours = djl.stream()
                        .filter(c -> c.name().equals(b.name()) && c.epochs() == e)
                        .toList();
                List<Curve> theirs = torch.stream()
                        .filter(c -> c.name().equals(b.name()) && c.epochs() == e)
                        .toList();
                if (ours.isEmpty() || theirs.isEmpty()) {
                    continue;
                }
                Stats a = Stats.of(last(ours, Curve::testAccuracy));
                Stats t = Stats.of(last(theirs, Curve::testAccuracy));
                double sa = Stats.of(last(ours, Curve::seconds)).mean();
                double st = Stats.of(last(theirs, Curve::seconds)).mean();
                p.printf(
                        "  %d epochs, %-46s DJL %.2f %% (%.0f s)  PyTorch %.2f %% (%.0f s)  speed %.2fx%n",
                        e, b.name(), 100 * a.mean(), sa, 100 * t.mean(), st, st / sa);
            }
        }
        JSON.writeValue(out.resolve("evidence.json").toFile(), evidence);
        p.println();
        p.println("wrote " + out.resolve("evidence.json"));
    }

    private static Map<String, Object> samplerTable(Path dir, PrintWriter p) throws IOException {
        Map<String, StudyResults> studies = new LinkedHashMap<>();
        try (var folders = Files.list(dir)) {
            for (Path f : folders.filter(Files::isDirectory).sorted().toList()) {
                Path db = f.resolve("study.db");
                if (Files.exists(db)) {
                    studies.put(
                            f.getFileName().toString(),
                            results(db, f.getFileName().toString()));
                }
            }
        }
        double[] lower = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] upper = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (StudyResults r : studies.values()) {
            double[][] b = r.bounds();
            for (int i = 0; i < 2 && b != null; i++) {
                lower[i] = Math.min(lower[i], b[0][i]);
                upper[i] = Math.max(upper[i], b[1][i]);
            }
        }
        Map<String, List<Double>> bySampler = new LinkedHashMap<>();
        Set<String> seeds = new LinkedHashSet<>();
        int trials = 0;
        for (Map.Entry<String, StudyResults> e : studies.entrySet()) {
            String[] ns = e.getKey().split("-seed");
            seeds.add(ns[1]);
            trials = e.getValue().trials().size();
            bySampler
                    .computeIfAbsent(ns[0], k -> new ArrayList<>())
                    .add(e.getValue().hypervolume(e.getValue().trials(), lower, upper));
        }
        p.println("(d) search beats random: hypervolume of validation loss x seconds, one normalisation over all "
                + studies.size() + " studies, reference 1.1:");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Stats> stats = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : bySampler.entrySet()) {
            Stats s = Stats.of(
                    e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            stats.put(e.getKey(), s);
            p.printf(
                    "  %-8s %s  mean %.4f ± %.4f (sd; se %.4f)%n",
                    e.getKey(), e.getValue(), s.mean(), s.sd(), s.standardError());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sampler", e.getKey().equals("default") ? "schedtune's default" : e.getKey() + " search");
            row.put("hypervolumes", e.getValue());
            row.put("mean", s.mean());
            row.put("sd", s.sd());
            rows.add(row);
        }
        if (stats.containsKey("default") && stats.containsKey("random")) {
            double[] d = stats.get("default").minus(stats.get("random"));
            p.printf(
                    "  default - random: %+.4f ± %.4f (se of the difference): %s%n",
                    d[0], d[1], d[0] > 2 * d[1] ? "(d) met: more than 2 standard errors" : "(d) not met");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trials", trials);
        m.put("seeds", new ArrayList<>(seeds));
        m.put("normalisation", "objectives normalised over all the studies' complete trials, reference 1.1");
        m.put("rows", rows);
        return m;
    }

    // ---- helpers --------------------------------------------------------------------------------------

    static void run(List<String> args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = SchedtuneCli.create(out, err).execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("schedtune " + String.join(" ", args) + " exited with " + code);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; got " + Arrays.toString(args));
            }
            o.put(args[i], args[++i]);
        }
        return o;
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static String load() {
        return String.format(
                "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK "
                + System.getProperty("java.version");
    }

    static List<String> tunableNames(Template template) {
        return template.space().stream().map(Tunable::name).toList();
    }
}
