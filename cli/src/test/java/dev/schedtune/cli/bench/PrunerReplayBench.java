package dev.schedtune.cli.bench;

import dev.schedtune.cli.SchedtuneCli;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.search.Storages;
import dev.schedtune.search.pruner.ParetoPruner;
import dev.schedtune.search.pruner.Pruner;
import dev.schedtune.search.pruner.PrunerReplay;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short-horizon bias of pruning on the built-in study (run by {@code cli/bench/pruner-replay.sh}; a
 * benchmark, not a test): the study runs without a pruner, then each pruner's decisions are replayed on it
 * ({@link PrunerReplay}): how many trials it would have stopped, how many of them ended on the final Pareto
 * front, and the training time it would have saved.
 */
public final class PrunerReplayBench {
    private PrunerReplayBench() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Path out = Path.of(args.length > 0 ? args[0] : "cli/bench/results/pruner-replay");
        String seeds = args.length > 1 ? args[1] : "0";
        Files.createDirectories(out);
        PrintWriter p = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        Map<String, Pruner> pruners = new LinkedHashMap<>();
        pruners.put("pareto (25/50/75 %)", ParetoPruner.create());
        pruners.put("pareto, judged by outcomes", ParetoPruner.create().judgedByOutcomes());
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, Double> saved = new LinkedHashMap<>();
        for (String seed : seeds.split(",")) {
            Path dir = out.resolve("seed" + seed);
            if (!Files.exists(dir.resolve("study.db"))) {
                Path config = out.resolve("study.yaml");
                String text = StudyConfigReader.defaultStudyText()
                        .replace("pruner: {type: pareto, judge_by_outcomes: true}", "pruner: {type: none}")
                        .replace("confirm_seeds: 3", "confirm_seeds: 0");
                if (!text.contains("pruner: {type: none}")) {
                    throw new IllegalStateException("the built-in study's pruner line changed; update this bench");
                }
                Files.writeString(config, text);
                PrintWriter o = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
                int code = SchedtuneCli.create(o, o)
                        .execute(
                                "tune",
                                "--config",
                                config.toString(),
                                "--seed",
                                seed,
                                "--out",
                                dir.toString(),
                                "--progress",
                                "quiet");
                if (code != 0) {
                    throw new IllegalStateException("tune exited with " + code);
                }
            }
            try (Storage s = Storages.open(dir.resolve("study.db").toString())) {
                StudyRecord r = s.findStudy("fashion-schedules").orElseThrow();
                List<FrozenTrial> trials = s.trials(r.studyId());
                p.printf("seed %s: %d trials without pruning%n", seed, trials.size());
                for (Map.Entry<String, Pruner> e : pruners.entrySet()) {
                    PrunerReplay.Result result = PrunerReplay.replay(trials, r.directions(), e.getValue());
                    p.printf(
                            "  %-28s would stop %2d trials, %d of the %d on the final front; saves %.0f %% of the"
                                    + " training time%n",
                            e.getKey(),
                            result.pruned(),
                            result.prunedFromFront(),
                            result.front(),
                            100 * result.savedFraction());
                    long[] t = totals.computeIfAbsent(e.getKey(), k -> new long[3]);
                    t[0] += result.pruned();
                    t[1] += result.prunedFromFront();
                    t[2] += result.front();
                    saved.merge(e.getKey(), result.savedFraction(), Double::sum);
                }
            }
        }
        int n = seeds.split(",").length;
        p.println();
        p.println("| pruner | trials stopped | of them on the final front | front trials | training time saved |");
        p.println("|---|---|---|---|---|");
        for (String name : pruners.keySet()) {
            long[] t = totals.get(name);
            p.printf("| %s | %d | %d | %d | %.0f %% |%n", name, t[0], t[1], t[2], 100 * saved.get(name) / n);
        }
    }
}
