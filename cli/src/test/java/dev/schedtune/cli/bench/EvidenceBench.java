package dev.schedtune.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schedtune.cli.SchedtuneCli;
import dev.schedtune.cli.report.ResultFiles;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.cli.tune.StudyAttrs;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.search.FrozenTrial;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.train.TrainingPlan;
import dev.schedtune.trainers.train.TrainingResult;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The evidence that tuning pays, on the digits task (run by {@code cli/bench/evidence.sh}; not a test):
 *
 * <ol>
 *   <li>the built-in study (or {@code --config}) is run with our sampler (MOTPE) and with random search,
 *       same budget, for each seed; the hypervolume of each study's Pareto front is computed with one
 *       normalisation (the range of all complete trials of all these studies) and reference point 1.1;
 *   <li>up to {@code --front} Pareto trials of the first MOTPE study are trained again with fresh seeds
 *       (weights, shuffling and validation split: seeds 10, 11, 12, none of which the study trained with), next to common schedules at the same
 *       epochs, batch size, model and optimizer: PyTorch's OneCycleLR defaults with max_lr 0.1, a
 *       Hugging Face warmup-cosine (10 % warmup, peak 0.1), a constant lr 0.1, and exponential decay
 *       1e-3 * 0.95^epoch.
 * </ol>
 *
 * Writes {@code evidence.json} (which the report shows) and the first MOTPE study's report with it, and
 * prints the tables for BENCHMARKS.md.
 */
public final class EvidenceBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvidenceBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, String> o = options(args);
        Path out = Path.of(o.getOrDefault("--out", "cli/bench/results"));
        int trials = Integer.parseInt(o.getOrDefault("--trials", "80"));
        int jobs = Integer.parseInt(o.getOrDefault("--jobs", "2"));
        long[] seeds = longs(o.getOrDefault("--seeds", "0,1,2"));
        long[] retrainSeeds = longs(o.getOrDefault("--retrain-seeds", "10,11,12"));
        int frontTrials = Integer.parseInt(o.getOrDefault("--front", "4"));
        String config = o.get("--config");
        Files.createDirectories(out);
        Path db = out.resolve("studies.db");
        Files.deleteIfExists(db);
        String load0 = load();
        long t0 = System.nanoTime();

        // 1. our sampler against random search, same budget, several seeds
        List<String> samplers = List.of("tpe", "random");
        for (long seed : seeds) {
            for (String sampler : samplers) {
                String name = sampler + "-seed" + seed;
                List<String> a = new ArrayList<>(List.of(
                        "tune",
                        "--study",
                        name,
                        "--seed",
                        Long.toString(seed),
                        "--sampler",
                        sampler,
                        "--trials",
                        Integer.toString(trials),
                        "--jobs",
                        Integer.toString(jobs),
                        "--storage",
                        db.toString(),
                        "--out",
                        out.resolve(name).toString(),
                        "--progress",
                        "quiet"));
                if (config != null) {
                    a.addAll(List.of("--config", config));
                }
                long s0 = System.nanoTime();
                int code = cli(a);
                if (code != 0) {
                    throw new IllegalStateException("tune " + a + " exited with " + code);
                }
                System.out.printf("study %-12s %d trials in %.0f s%n", name, trials, (System.nanoTime() - s0) / 1e9);
            }
        }
        Map<String, StudyResults> studies = new LinkedHashMap<>();
        String storedConfig;
        try (Storage s = Storages.open(db.toString())) {
            for (StudyRecord r : s.studies()) {
                List<FrozenTrial> ts = s.trials(r.studyId());
                studies.put(
                        r.name(),
                        StudyResults.of(r.name(), ts, r.directions(), List.of("validation_loss", "seconds"), "family"));
            }
            storedConfig = (String) s.studySystemAttrs(
                            s.findStudy("tpe-seed" + seeds[0]).orElseThrow().studyId())
                    .get(StudyAttrs.CONFIG);
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
        List<Map<String, Object>> samplerRows = new ArrayList<>();
        for (String sampler : samplers) {
            List<Double> hvs = new ArrayList<>();
            for (long seed : seeds) {
                StudyResults r = studies.get(sampler + "-seed" + seed);
                hvs.add(r.hypervolume(r.trials(), lower, upper));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sampler", sampler.equals("tpe") ? "MOTPE (schedtune's default)" : "random search");
            row.put("hypervolumes", hvs);
            row.put("mean", mean(hvs));
            row.put("sd", sd(hvs));
            samplerRows.add(row);
        }

        // 2. the tuned Pareto schedules against common ones, at equal epochs, with fresh seeds
        KindRegistry kinds = KindRegistry.builtIn();
        StudyConfig study = StudyConfigReader.parse(storedConfig, ConfigFormat.JSON, "stored", Path.of(""), kinds);
        StudyResults tuned = studies.get("tpe-seed" + seeds[0]);
        List<FrozenTrial> front = tuned.front();
        List<FrozenTrial> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(frontTrials, front.size()); i++) {
            int at = frontTrials >= front.size() ? i : (int) Math.round(i * (front.size() - 1.0) / (frontTrials - 1.0));
            if (!chosen.contains(front.get(at))) {
                chosen.add(front.get(at));
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        try (WorkerPool pool = WorkerPool.builder().workers(jobs).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(jobs);
            for (FrozenTrial t : chosen) {
                int epochs = ((Number) t.userAttrs().get("epochs")).intValue();
                int batch = ((Number) t.userAttrs().get("batch_size")).intValue();
                int spe = ((Number) t.userAttrs().get("steps_per_epoch")).intValue();
                Map<String, ScheduleSet> schedules = new LinkedHashMap<>();
                schedules.put(
                        "tuned: trial #" + t.number() + " (" + tuned.family(t) + ")",
                        ResultFiles.schedule(t).orElseThrow().buildSet(kinds));
                schedules.putAll(baselines(epochs * spe, spe));
                Map<String, List<Future<TrainingResult>>> runs = new LinkedHashMap<>();
                for (Map.Entry<String, ScheduleSet> e : schedules.entrySet()) {
                    List<Future<TrainingResult>> fs = new ArrayList<>();
                    for (long seed : retrainSeeds) {
                        TaskSpec task = study.task()
                                .withValidationSplit(
                                        ((Number) study.task().params().get("validation_fraction")).doubleValue(),
                                        seed);
                        TrainingPlan plan = TrainingPlan.builder(task, study.model(), e.getValue())
                                .optimizer(study.optimizer())
                                .epochs(epochs)
                                .batchSize(batch)
                                .seed(seed)
                                .build();
                        fs.add(threads.submit(() -> pool.run(plan)));
                    }
                    runs.put(e.getKey(), fs);
                }
                List<Map<String, Object>> results = new ArrayList<>();
                for (Map.Entry<String, List<Future<TrainingResult>>> e : runs.entrySet()) {
                    List<Double> losses = new ArrayList<>();
                    List<Double> accs = new ArrayList<>();
                    for (Future<TrainingResult> f : e.getValue()) {
                        TrainingResult r = f.get();
                        losses.add(r.diverged() ? Double.NaN : r.finalValidationLoss());
                        accs.add(r.diverged() ? Double.NaN : r.finalAccuracy());
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", e.getKey().startsWith("tuned") ? "tuned (Pareto trial)" : e.getKey());
                    row.put("detail", e.getKey());
                    row.put("loss_mean", mean(losses));
                    row.put("loss_sd", sd(losses));
                    row.put("acc_mean", mean(accs));
                    row.put("acc_sd", sd(accs));
                    row.put("losses", losses);
                    row.put("accs", accs);
                    results.add(row);
                }
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("epochs", epochs);
                g.put("label", "trial #" + t.number() + " " + tuned.family(t));
                g.put("trial", t.number());
                g.put("results", results);
                groups.add(g);
                System.out.printf(
                        "re-trained Pareto trial #%d (%d epochs) and %d baselines with %d seeds%n",
                        t.number(), epochs, schedules.size() - 1, retrainSeeds.length);
            }
            threads.shutdown();
        }

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(
                "description",
                "Tuned Pareto schedules re-trained with fresh seeds (weights, shuffling, validation split: "
                        + Arrays.toString(retrainSeeds) + ") against common schedules at the same epochs, batch size,"
                        + " model and optimizer (" + study.model() + ", "
                        + study.optimizer().kind().configName()
                        + "); and the hypervolume of MOTPE's Pareto front against random search's after " + trials
                        + " trials.");
        evidence.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, load average " + load0 + " at the start, "
                        + load() + " at the end");
        evidence.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        evidence.put("command", "cli/bench/evidence.sh " + String.join(" ", args));
        evidence.put("minutes", Math.round((System.nanoTime() - t0) / 6e10 * 10) / 10.0);
        evidence.put("schedules", groups);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("trials", trials);
        s.put("seeds", Arrays.stream(seeds).boxed().toList());
        s.put(
                "normalisation",
                "objectives normalised over the complete trials of all " + studies.size()
                        + " studies, reference point 1.1");
        s.put("rows", samplerRows);
        evidence.put("samplers", s);
        Path file = out.resolve("evidence.json");
        Files.writeString(file, JSON.writeValueAsString(evidence) + "\n", StandardCharsets.UTF_8);
        String first = "tpe-seed" + seeds[0];
        int code = cli(List.of(
                "report",
                first,
                "--storage",
                db.toString(),
                "--out",
                out.resolve(first).toString(),
                "--evidence",
                file.toString()));
        if (code != 0) {
            throw new IllegalStateException("report exited with " + code);
        }
        print(evidence);
    }

    /** Common schedules at T steps (S steps per epoch), every one a plain schedule config. */
    static Map<String, ScheduleSet> baselines(int totalSteps, int stepsPerEpoch) {
        Map<String, String> yaml = new LinkedHashMap<>();
        yaml.put(
                "torch.OneCycleLR defaults, max_lr 0.1",
                "type: torch.OneCycleLR\nmax_lr: 0.1\ntotal_steps: " + totalSteps);
        yaml.put(
                "warmup-cosine (HF, 10 % warmup, peak 0.1)",
                "type: transformers.get_cosine_schedule_with_warmup\nbase_lr: 0.1\nnum_warmup_steps: "
                        + Math.round(0.1 * totalSteps) + "\nnum_training_steps: " + totalSteps);
        yaml.put("constant lr 0.1", "type: constant\nvalue: 0.1");
        yaml.put(
                "exponential decay 1e-3 * 0.95^epoch",
                "type: exponential_decay\ninit: 0.001\ndecay_rate: 0.95\ntransition_steps: " + stepsPerEpoch
                        + "\nstaircase: true");
        Map<String, ScheduleSet> out = new LinkedHashMap<>();
        yaml.forEach((name, text) -> out.put(
                name,
                Configs.parse("schedtune: 1\n" + text, ConfigFormat.YAML, name).buildSet(KindRegistry.builtIn())));
        return out;
    }

    private static void print(Map<String, Object> evidence) {
        System.out.println();
        System.out.println("| Pareto trial | epochs | schedule | validation loss (mean ± sd) | accuracy (mean) |");
        System.out.println("|---|---|---|---|---|");
        for (Object g : (List<?>) evidence.get("schedules")) {
            Map<?, ?> group = (Map<?, ?>) g;
            for (Object r : (List<?>) group.get("results")) {
                Map<?, ?> row = (Map<?, ?>) r;
                System.out.printf(
                        "| %s | %s | %s | %.4f ± %.4f | %.2f %% |%n",
                        group.get("label"),
                        group.get("epochs"),
                        row.get("detail"),
                        (Double) row.get("loss_mean"),
                        (Double) row.get("loss_sd"),
                        100 * (Double) row.get("acc_mean"));
            }
        }
        System.out.println();
        System.out.println("| sampler | hypervolume per seed | mean ± sd |");
        System.out.println("|---|---|---|");
        Map<?, ?> s = (Map<?, ?>) evidence.get("samplers");
        for (Object r : (List<?>) s.get("rows")) {
            Map<?, ?> row = (Map<?, ?>) r;
            List<String> hv = new ArrayList<>();
            for (Object v : (List<?>) row.get("hypervolumes")) {
                hv.add(String.format("%.3f", (Double) v));
            }
            System.out.printf(
                    "| %s | %s | %.3f ± %.3f |%n",
                    row.get("sampler"), String.join(", ", hv), (Double) row.get("mean"), (Double) row.get("sd"));
        }
        System.out.println();
        System.out.println("machine: " + evidence.get("machine") + "; " + evidence.get("minutes") + " minutes");
    }

    private static int cli(List<String> args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return SchedtuneCli.create(out, err).execute(args.toArray(String[]::new));
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("%.1f", l);
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double sd(List<Double> v) {
        double m = mean(v);
        return v.size() < 2
                ? 0
                : Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1));
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(","))
                .map(String::trim)
                .mapToLong(Long::parseLong)
                .toArray();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            o.put(args[i], args[i + 1]);
        }
        return o;
    }
}
