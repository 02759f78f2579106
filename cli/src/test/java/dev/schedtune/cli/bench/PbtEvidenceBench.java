package dev.schedtune.cli.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.schedtune.cli.bench.FashionEvidenceBench.Curve;
import dev.schedtune.cli.bench.FashionEvidenceBench.Job;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.Confirmation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The evidence of the issue on population-based training (cli/BENCHMARKS.md): does the schedule PBT
 * discovers transfer (retrained from scratch, fresh seeds, within two standard errors of the PBT member
 * itself), and is it at least as good as the tuned family schedule and the common defaults at equal
 * epochs? A benchmark, not a test; run by {@code cli/bench/pbt-evidence.sh}.
 *
 * <p>Everything trains on the task of the evidence study of "Tuning that pays" (20,000 training images:
 * 16,000 to train on, 4,000 to validate on), the reference CNN, SGD with momentum 0.9, batch 128, and is
 * judged on the 10,000 test images. For each member length in {@code --epochs}: {@code schedtune pbt}
 * with a population of 8 (its own replay check included), then the discovered schedule, the tuned
 * schedule and the common defaults trained with the replay's seeds by one code path, two JVMs of one
 * thread each.
 */
public final class PbtEvidenceBench {
    /**
     * Trial #36 of the evidence study (BENCHMARKS.md, "Evidence"): the tuned schedule a user would take at
     * 7 epochs, a constant lr. Its family is length-free, so it runs at any epoch count as it is.
     */
    static final double TUNED_36_LR = 0.06391336233878298;

    private static final String CONFIG = "examples/configs/pbt/fashion-pbt.yaml";

    private PbtEvidenceBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Map<String, String> o = FashionEvidenceBench.options(args);
        Path out = Path.of(o.getOrDefault("--out", "cli/bench/results/pbt"));
        Files.createDirectories(out);
        int jobs = Integer.parseInt(o.getOrDefault("--jobs", "2"));
        int subset = Integer.parseInt(o.getOrDefault("--subset", "20000"));
        int population = Integer.parseInt(o.getOrDefault("--population", "8"));
        Set<String> baselines =
                new LinkedHashSet<>(List.of(o.getOrDefault("--baselines", "all").split(";")));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", FashionEvidenceBench.machine());
        summary.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        summary.put("load_before", FashionEvidenceBench.load());
        List<Object> parts = new ArrayList<>();
        for (String e : o.getOrDefault("--epochs", "7,25").split(",")) {
            int epochs = Integer.parseInt(e);
            Path dir = out.resolve("epochs-" + epochs);
            Files.createDirectories(dir);
            pbt(dir, epochs, subset, population, jobs);
            compare(dir, epochs, subset, jobs, baselines);
            parts.add(table(dir, epochs, population));
        }
        summary.put("load_after", FashionEvidenceBench.load());
        summary.put("parts", parts);
        FashionEvidenceBench.JSON.writeValue(out.resolve("pbt-evidence.json").toFile(), summary);
    }

    /** {@code schedtune pbt} on the evidence study's task, every member trained for {@code epochs}. */
    private static void pbt(Path dir, int epochs, int subset, int population, int jobs) throws IOException {
        if (Files.exists(dir.resolve("pbt.json"))) {
            System.out.println("PBT at " + epochs + " epochs done before; kept");
            return;
        }
        String text = Files.readString(Path.of(CONFIG));
        Map<String, String> replace = new LinkedHashMap<>();
        replace.put("train_subset: 6000", "train_subset: " + subset);
        replace.put("training: {epochs: 6,", "training: {epochs: " + epochs + ",");
        replace.put("population: 8 ", "population: " + population + " ");
        replace.put("study: fashion-pbt", "study: pbt-" + epochs);
        for (Map.Entry<String, String> r : replace.entrySet()) {
            if (!text.contains(r.getKey())) {
                throw new IllegalStateException(CONFIG + " no longer holds '" + r.getKey() + "'");
            }
            text = text.replace(r.getKey(), r.getValue());
        }
        Path config = dir.resolve("pbt.yaml");
        Files.writeString(config, text);
        long t0 = System.nanoTime();
        FashionEvidenceBench.run(List.of(
                "pbt",
                "--config",
                config.toString(),
                "--jobs",
                Integer.toString(jobs),
                "--out",
                dir.toString(),
                "--storage",
                dir.resolve("pbt.db").toString()));
        Files.writeString(dir.resolve("seconds.txt"), String.format("%.0f%n", (System.nanoTime() - t0) / 1e9));
    }

    /** The discovered schedule, the tuned one and the defaults, trained with the replay's seeds. */
    private static void compare(Path dir, int epochs, int subset, int jobs, Set<String> baselines) throws Exception {
        Map<String, Object> pbt = pbtJson(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> replay = (Map<String, Object>) pbt.get("replay");
        List<Long> seeds = ((List<?>) replay.get("seeds"))
                .stream().map(s -> ((Number) s).longValue()).toList();
        int spe = ((Number) pbt.get("steps_per_epoch")).intValue();
        List<Job> list = new ArrayList<>();
        String discovered = Configs.write(
                Configs.parse(Files.readString(dir.resolve("discovered-schedule.yaml")), ConfigFormat.YAML, "pbt")
                        .buildSet(KindRegistry.builtIn()),
                ConfigFormat.JSON);
        String tuned = "{\"schedtune\": 1, \"type\": \"constant\", \"value\": " + TUNED_36_LR + "}";
        for (long seed : seeds) {
            list.add(new Job("discovered by PBT", "pbt", epochs, seed, discovered));
            list.add(new Job("tuned #36 constant 0.064", "tuned", epochs, seed, tuned));
        }
        for (Baseline b : Baseline.common()) {
            if (baselines.contains("all") || baselines.contains(b.name())) {
                String config = Configs.write(b.schedules(spe, epochs), ConfigFormat.JSON);
                for (long seed : seeds) {
                    list.add(new Job(b.name(), "baseline", epochs, seed, config));
                }
            }
        }
        Path jobsFile = dir.resolve("jobs.json");
        FashionEvidenceBench.JSON.writeValue(jobsFile.toFile(), list);
        FashionEvidenceBench.shards(
                jobsFile,
                dir,
                jobs,
                List.of("--train-subset", Integer.toString(subset), "--validation-fraction", "0.2"));
    }

    private static Map<String, Object> pbtJson(Path dir) throws IOException {
        return FashionEvidenceBench.JSON.readValue(dir.resolve("pbt.json").toFile(), new TypeReference<>() {});
    }

    /** Prints and returns one part's table: test accuracy after the last epoch, mean ± sd over the seeds. */
    private static Map<String, Object> table(Path dir, int epochs, int population) throws IOException {
        PrintWriter p = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Map<String, Object> pbt = pbtJson(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> replay = (Map<String, Object>) pbt.get("replay");
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("epochs", epochs);
        part.put("population", population);
        part.put("member_epochs", population * epochs);
        part.put("pbt_seconds", Files.readString(dir.resolve("seconds.txt")).trim());
        part.put("member_test_accuracy", replay.get("member_test_accuracy"));
        part.put("pbt_replay", replay);
        p.printf(
                "%n== PBT, population %d x %d epochs (%d member-epochs, %s s) ==%n",
                population, epochs, population * epochs, part.get("pbt_seconds"));
        p.printf(
                "best member (its own weights): test accuracy %.2f %%%n",
                100 * ((Number) replay.get("member_test_accuracy")).doubleValue());
        p.printf(
                "pbt's replay check: %.2f ± %.2f %% (se), transfers: %s%n",
                100 * ((Number) replay.get("mean_test_accuracy")).doubleValue(),
                100 * ((Number) replay.get("standard_error")).doubleValue(),
                replay.get("transfers"));
        List<Curve> runs = FashionEvidenceBench.curves(dir, "djl-");
        Map<String, List<Curve>> byName = new LinkedHashMap<>();
        runs.forEach(
                c -> byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c));
        Map<String, Confirmation.Stats> accuracy = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        p.printf("%-44s %-20s %-20s %s%n", "schedule (fresh seeds)", "test accuracy", "test loss", "seconds");
        for (Map.Entry<String, List<Curve>> e : byName.entrySet()) {
            Confirmation.Stats acc =
                    Confirmation.Stats.of(FashionEvidenceBench.last(e.getValue(), Curve::testAccuracy));
            Confirmation.Stats loss = Confirmation.Stats.of(FashionEvidenceBench.last(e.getValue(), Curve::testLoss));
            Confirmation.Stats secs = Confirmation.Stats.of(FashionEvidenceBench.last(e.getValue(), Curve::seconds));
            accuracy.put(e.getKey(), acc);
            p.printf(
                    "%-44s %6.2f ± %.2f %%      %.4f ± %.4f    %.0f%n",
                    e.getKey(), 100 * acc.mean(), 100 * acc.sd(), loss.mean(), loss.sd(), secs.mean());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schedule", e.getKey());
            row.put("runs", e.getValue().size());
            row.put("test_accuracy_mean", acc.mean());
            row.put("test_accuracy_sd", acc.sd());
            row.put("test_loss_mean", loss.mean());
            row.put("test_loss_sd", loss.sd());
            row.put("seconds_mean", secs.mean());
            rows.add(row);
        }
        Confirmation.Stats discovered = accuracy.get("discovered by PBT");
        if (discovered != null) {
            for (Map<String, Object> row : rows) {
                double[] difference = discovered.minus(accuracy.get((String) row.get("schedule")));
                row.put("discovered_minus_this", difference[0]);
                row.put("standard_error_of_difference", difference[1]);
            }
            p.println("discovered schedule minus each (points, ± standard error of the difference):");
            for (Map<String, Object> row : rows) {
                p.printf(
                        "  %-42s %+.2f ± %.2f%n",
                        row.get("schedule"),
                        100 * (double) row.get("discovered_minus_this"),
                        100 * (double) row.get("standard_error_of_difference"));
            }
        }
        part.put("rows", rows);
        return part;
    }
}
