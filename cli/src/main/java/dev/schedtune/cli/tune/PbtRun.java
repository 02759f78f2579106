package dev.schedtune.cli.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.schedtune.cli.UserError;
import dev.schedtune.cli.files.SafeFiles;
import dev.schedtune.cli.report.PbtReport;
import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.cli.study.StudyStorage;
import dev.schedtune.cli.tune.config.PbtSection;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.search.Study;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.pbt.Population;
import dev.schedtune.search.pbt.PopulationBasedTraining;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.trainers.pbt.PbtTraining;
import dev.schedtune.trainers.pbt.ReplayCheck;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One {@code schedtune pbt} run: opens (or continues) the study's population, trains it in worker
 * processes with a line per step, and ends with the final generation's table, the lineage of its best
 * member and the result files: the discovered schedule as a config, and every step as JSON.
 */
final class PbtRun {
    /** The discovered schedule, in the output folder. */
    static final String SCHEDULE_FILE = "discovered-schedule.yaml";
    /** Every step and the lineage, in the output folder. */
    static final String RESULTS_FILE = "pbt.json";
    /** The report: the population over time, the lineage, the discovered schedule against the baselines. */
    static final String REPORT_FILE = "report.html";
    /** Replay seeds start this far above the study's seed, as a tuning study's confirmation seeds do. */
    static final long REPLAY_SEED_OFFSET = 1_000_003;

    private final StudyConfig config;
    private final PrintWriter out;
    private final Interruption interruption;
    private final PopulationBasedTraining settings;

    PbtRun(StudyConfig config, PrintWriter out, Interruption interruption) {
        this.config = config;
        this.out = out;
        this.interruption = interruption;
        this.settings = config.pbt().orElseThrow();
    }

    int run() {
        TuningObjective objective = config.objectives().get(0);
        if (objective == TuningObjective.SECONDS) {
            throw new UserError("objectives: a population is ranked by its first objective, which is seconds; put"
                    + " validation_loss or accuracy first");
        }
        if (config.batchSize().isTuned()) {
            throw new UserError("training.batch_size: PBT trains one batch size; give a number, not a tuned range");
        }
        // one folder per study: studies sharing an output folder never read each other's checkpoints
        Path checkpoints =
                config.output().resolve("checkpoints").resolve(StudyConfigReader.safeFileName(config.name()));
        try (Storage storage = StudyStorage.open(config.storage(), true);
                WorkerPool pool = WorkerPool.builder().workers(config.jobs()).build()) {
            PbtTraining training;
            Population population;
            try {
                training = PbtTraining.builder(config.task(), config.model(), settings)
                        .optimizer(config.optimizer())
                        .batchSize((int) config.batchSize().low())
                        .objective(objective)
                        .checkpoints(checkpoints)
                        .pool(pool)
                        .build();
                Study study = Study.builder(config.name())
                        .direction(objective.direction())
                        .storage(storage)
                        .seed(config.seed())
                        // what show and report need to label the trials (a PBT study has no tune config)
                        .systemAttr(StudyAttrs.OBJECTIVES, List.of(objective.configName()))
                        .systemAttr(StudyAttrs.CHECKPOINTS, "epoch")
                        .systemAttr(StudyAttrs.PBT, reportAttrs(training))
                        .createOrLoad();
                population = training.population(study);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            header(population, objective, checkpoints);
            interruption.onInterrupt(population::stop);
            interruption.onInterrupt(() -> {
                for (long pid : pool.workerPids()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            });
            int total = settings.population() * settings.generations();
            AtomicInteger done = new AtomicInteger(population.records().size());
            PbtTraining.Outcome outcome = training.run(population, config.jobs(), r -> {
                synchronized (out) {
                    out.println(String.format(
                            Locale.ROOT, "[%d/%d] %s", done.incrementAndGet(), total, line(r, objective)));
                    out.flush();
                }
            });
            if (interruption.isInterrupted() || outcome.schedule().isEmpty()) {
                out.println();
                out.println("Stopped. The population is kept in " + StudyStorage.display(config.storage())
                        + "; run the same command again to continue it.");
                out.flush();
                return TuneRun.INTERRUPTED;
            }
            summary(outcome, objective);
            ReplayCheck replay = replay(training, outcome);
            writeResults(outcome, training, replay);
            out.flush();
            return 0;
        } finally {
            interruption.finished();
        }
    }

    private void header(Population population, TuningObjective objective, Path checkpoints) {
        List<String> ranges = new ArrayList<>();
        settings.hyperparameters()
                .forEach((name, d) -> ranges.add(String.format(
                        Locale.ROOT, "%s in [%s, %s]%s", name, d.low(), d.high(), d.isLog() ? " (log)" : "")));
        out.println(String.format(
                Locale.ROOT,
                "PBT study '%s' (%s): %d members, %d epochs in %d generations of %d, by %s; exploring %s",
                config.name(),
                StudyStorage.display(config.storage()),
                settings.population(),
                settings.epochs(),
                settings.generations(),
                settings.interval(),
                objective.configName(),
                String.join(", ", ranges)));
        int recorded = population.records().size();
        if (recorded > 0) {
            out.println("Continuing: " + recorded + " steps already recorded.");
        }
        out.println(config.jobs() + " worker process(es); checkpoints in " + checkpoints);
        out.flush();
    }

    private static String line(MemberRecord r, TuningObjective objective) {
        return String.format(
                Locale.ROOT,
                "generation %d, member %d%s %s: %s",
                r.generation(),
                r.member(),
                r.exploited() ? " (copied member " + r.source() + ")" : "",
                values(r.values()),
                r.isFailed()
                        ? "failed: " + r.failure().orElse("")
                        : String.format(Locale.ROOT, "%s %.4f", objective.configName(), r.score()));
    }

    private static String values(Map<String, Double> values) {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(String.format(Locale.ROOT, "%s %.4g", k, v)));
        return String.join(", ", out);
    }

    private void summary(PbtTraining.Outcome outcome, TuningObjective objective) {
        int last = settings.generations() - 1;
        List<MemberRecord> finals = new ArrayList<>();
        for (MemberRecord r : outcome.records()) {
            if (r.generation() == last) {
                finals.add(r);
            }
        }
        finals.sort(Population.ranking(objective.direction()));
        out.println();
        out.println("Final generation (best first):");
        out.println(String.format(
                Locale.ROOT, "  %-7s %-10s %-40s %s", "member", "copied", "hyperparameters", objective.configName()));
        for (MemberRecord r : finals) {
            out.println(String.format(
                    Locale.ROOT,
                    "  %-7d %-10s %-40s %s",
                    r.member(),
                    r.exploited() ? "from " + r.source() : "",
                    values(r.values()),
                    r.isFailed() ? "failed" : String.format(Locale.ROOT, "%.4f", r.score())));
        }
        out.println();
        out.println("Lineage of the best member (the discovered schedule):");
        for (MemberRecord r : outcome.lineage()) {
            out.println(String.format(
                    Locale.ROOT,
                    "  epochs %d-%d: member %d%s, %s -> %.4f",
                    r.firstEpoch() + 1,
                    r.lastEpoch(),
                    r.member(),
                    r.exploited() ? " (copied member " + r.source() + ")" : "",
                    values(r.values()),
                    r.score()));
        }
    }

    /**
     * The replay check on the test split: the best member against its schedule retrained from scratch with
     * {@code confirm_seeds} fresh seeds (never the study's own); null without a test split or seeds.
     */
    private @Nullable ReplayCheck replay(PbtTraining training, PbtTraining.Outcome outcome) {
        if (config.confirmSeeds() == 0) {
            return null;
        }
        out.println();
        if (config.task().load().test().isEmpty()) {
            out.println("Replay check skipped: task " + config.task().kind() + " has no test split (give it"
                    + " test_fraction).");
            return null;
        }
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < config.confirmSeeds(); k++) {
            seeds.add(config.seed() + REPLAY_SEED_OFFSET + k);
        }
        out.println("Replay check: the discovered schedule from scratch with " + seeds.size() + " fresh seeds, on the"
                + " test split...");
        out.flush();
        ReplayCheck check = training.replay(outcome, seeds);
        out.println("  " + check);
        return check;
    }

    private void writeResults(PbtTraining.Outcome outcome, PbtTraining training, @Nullable ReplayCheck replay) {
        ScheduleSet schedule = outcome.schedule().orElseThrow();
        Path folder = config.output();
        String yaml = "# The schedule population-based training discovered in study '" + config.name() + "': the"
                + " hyperparameters of\n# its final best member's lineage, in optimizer steps ("
                + training.stepsPerEpoch() + " per epoch, " + settings.epochs() + " epochs).\n"
                + Configs.write(schedule, ConfigFormat.YAML);
        write(folder.resolve(SCHEDULE_FILE), yaml);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("study", config.name());
        json.put("steps_per_epoch", training.stepsPerEpoch());
        json.put("settings", PbtSection.write(settings));
        json.put("lineage", outcome.lineage().stream().map(PbtReport::describe).toList());
        json.put("steps", outcome.records().stream().map(PbtReport::describe).toList());
        @Nullable Map<String, Object> replayData = replay == null ? null : replayData(replay);
        if (replayData != null) {
            json.put("replay", replayData);
        }
        try {
            write(
                    folder.resolve(RESULTS_FILE),
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TuningObjective objective = training.objective();
        write(
                folder.resolve(REPORT_FILE),
                PbtReport.render(new PbtReport.Run(
                        config.name(),
                        objective.configName(),
                        objective.direction(),
                        training.stepsPerEpoch(),
                        settings.epochs(),
                        outcome.records(),
                        outcome.lineage(),
                        config.baselines(),
                        replayData)));
        out.println();
        out.println("Wrote " + folder.resolve(SCHEDULE_FILE) + " (the discovered schedule: plot, curve, export --to"
                + " pytorch read it), " + folder.resolve(RESULTS_FILE) + " and " + folder.resolve(REPORT_FILE));
    }

    /** What {@code schedtune report STUDY} needs to draw this study's PBT report from its storage alone. */
    private Map<String, Object> reportAttrs(PbtTraining training) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps_per_epoch", training.stepsPerEpoch());
        m.put("epochs", settings.epochs());
        m.put("generations", settings.generations());
        m.put("baselines", config.baselines().stream().map(Baseline::toConfig).toList());
        return m;
    }

    private static Map<String, Object> replayData(ReplayCheck replay) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("member_test_accuracy", replay.memberAccuracy());
        r.put("member_test_loss", replay.memberLoss());
        r.put("seeds", replay.seeds());
        r.put("test_accuracies", replay.accuracies());
        r.put("test_losses", replay.losses());
        r.put("mean_test_accuracy", replay.replayAccuracy().mean());
        r.put("standard_error", replay.replayAccuracy().standardError());
        r.put("transfers", replay.transfers());
        return r;
    }

    /** Writes {@code text} to {@code file} atomically. */
    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            SafeFiles.write(file, text);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
