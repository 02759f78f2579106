package dev.schedtune.cli.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.Durations;
import dev.schedtune.cli.UserError;
import dev.schedtune.cli.files.SafeFiles;
import dev.schedtune.cli.report.ConfirmationRun;
import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.cli.report.ParetoTable;
import dev.schedtune.cli.report.ResultFiles;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.cli.report.TestComparison;
import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.cli.study.StudyStorage;
import dev.schedtune.cli.tune.config.StudyConfig;
import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.spec.KindRegistry;
import dev.schedtune.dsl.template.Tunable;
import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.StudyBuilder;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.Confirmation;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.TrialRecord;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One {@code schedtune tune} run: opens (or resumes) the study, trains trials in worker processes until
 * the budget or the timeout is spent or the user presses Ctrl-C, shows progress, and ends with the Pareto
 * table and the result files.
 */
final class TuneRun {
    /** Exit status after Ctrl-C, as shells report a process ended by SIGINT. */
    static final int INTERRUPTED = 130;

    private final StudyConfig config;
    private final boolean resume;
    private final PrintWriter out;
    private final Progress.Mode mode;
    private final KindRegistry registry;
    private final @Nullable Path evidence;
    private final Interruption interruption;
    private final String resumeCommand;

    TuneRun(
            StudyConfig config,
            boolean resume,
            PrintWriter out,
            Progress.Mode mode,
            KindRegistry registry,
            @Nullable Path evidence,
            Interruption interruption,
            String resumeCommand) {
        this.config = config;
        this.resume = resume;
        this.out = out;
        this.mode = mode;
        this.registry = registry;
        this.evidence = evidence;
        this.interruption = interruption;
        this.resumeCommand = resumeCommand;
    }

    int run() {
        Task task = config.task().load();
        try (Storage storage = StudyStorage.open(config.storage(), true);
                WorkerPool pool = WorkerPool.builder().workers(config.jobs()).build()) {
            ScheduleTuning tuning = config.tuning(pool, interruption);
            Study study = openStudy(storage, tuning);
            // trials of a run that was killed (kill -9, power loss): failed and enqueued again first, so that
            // what is left of the budget counts them right
            study.failStaleTrials();
            StudyResults before = results(study, study.trials());
            long running = before.count(TrialState.RUNNING);
            int remaining = (int) Math.max(0, config.trials() - before.done() - running);
            header(study, before, remaining, task);
            interruption.onInterrupt(study::stop);
            interruption.onInterrupt(() -> {
                for (long pid : pool.workerPids()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            });
            Duration elapsed = Duration.ZERO;
            if (remaining > 0 && !interruption.isInterrupted()) {
                elapsed = optimize(study, tuning, remaining);
            } else if (remaining == 0) {
                out.println("Nothing to run: the study has " + before.done() + " finished trials of a budget of "
                        + config.trials() + " (give --trials N for more).");
            }
            if (!interruption.isInterrupted()) {
                elapsed = elapsed.plus(ConfirmationRun.run(
                        out, study, tuning, results(study, study.trials()), config.confirmSeeds(), task));
            }
            boolean interrupted = interruption.isInterrupted();
            StudyResults results = results(study, study.trials());
            summary(results, elapsed, interrupted);
            writeResults(results);
            if (interrupted) {
                out.println();
                out.println("Stopped by Ctrl-C. Trials cut short are recorded as failed (\"interrupted\") and do not"
                        + " count; continue with:");
                out.println("  " + resumeCommand);
            }
            out.flush();
            return interrupted ? INTERRUPTED : 0;
        } finally {
            interruption.finished();
        }
    }

    private Study openStudy(Storage storage, ScheduleTuning tuning) {
        Optional<StudyRecord> existing = storage.findStudy(config.name());
        if (existing.isPresent() && !resume) {
            int trials = storage.trials(existing.get().studyId()).size();
            throw new UserError(
                    "study '" + config.name() + "' already exists in " + StudyStorage.display(config.storage()) + " ("
                            + trials + " trials): add --resume to continue it (--trials N for a larger budget), or give"
                            + " --study NAME or --out DIR for a new study");
        }
        if (existing.isEmpty() && resume) {
            List<String> names =
                    storage.studies().stream().map(StudyRecord::name).toList();
            throw new UserError("--resume: there is no study '" + config.name() + "' in "
                    + StudyStorage.display(config.storage())
                    + (names.isEmpty() ? " (it holds no study)" : "; studies there: " + String.join(", ", names))
                    + "; run without --resume to start it");
        }
        StudyBuilder b = Study.builder(config.name())
                .directions(config.directions())
                .sampler(config.sampler().create())
                .pruner(config.pruner().create())
                .storage(storage)
                .seed(config.seed());
        if (existing.isPresent()) {
            // the heartbeat setting stored with the study holds for every run and worker
            Study study = b.load();
            checkSameDefinition(study);
            retryInterrupted(study);
            // a run that died between creating the study and enqueueing its baselines left them out
            tuning.enqueueBaselines(study);
            return study;
        }
        // stored in the transaction that creates the study: a worker never sees it without its config
        b.heartbeat(config.heartbeatInterval(), config.heartbeatGrace())
                .objectiveNames(config.objectives().stream()
                        .map(TuningObjective::configName)
                        .toArray(String[]::new))
                .systemAttr(StudyAttrs.CONFIG, StudyConfigReader.write(config))
                .systemAttr(
                        StudyAttrs.OBJECTIVES,
                        config.objectives().stream()
                                .map(TuningObjective::configName)
                                .toList())
                .systemAttr(StudyAttrs.CHECKPOINTS, config.epochs().isTuned() ? "percent" : "epoch");
        String family = tuning.familyParameter();
        if (family != null) {
            b.systemAttr(StudyAttrs.FAMILY_PARAMETER, family);
        }
        Study study = b.create();
        tuning.enqueueBaselines(study);
        return study;
    }

    /**
     * Enqueues the parameters of every trial cut short by Ctrl-C that has not been run again yet, so a
     * resumed study trains them first (the trial that runs them records which trial it repeats).
     */
    private void retryInterrupted(Study study) {
        List<FrozenTrial> trials = study.trials();
        Set<Integer> retried = new HashSet<>();
        for (FrozenTrial t : trials) {
            TrialRecord.from(t).retryOf().ifPresent(retried::add);
        }
        for (FrozenTrial t : trials) {
            TrialRecord r = TrialRecord.from(t);
            if (StudyResults.isInterrupted(t)
                    && !retried.contains(t.number())
                    && (!t.params().isEmpty() || r.isBaseline())) {
                study.enqueueTrial(t.params(), TrialRecord.enqueued(r.baseline().orElse(null), t.number()), false);
            }
        }
    }

    private void checkSameDefinition(Study study) {
        Object stored = study.systemAttrs().get(StudyAttrs.CONFIG);
        if (!(stored instanceof String)) {
            throw new UserError("--resume: study '" + config.name() + "' was not created by 'schedtune tune' (it has no"
                    + " stored study config); it cannot be continued with a training run");
        }
        StudyConfig before;
        try {
            before = StudyConfigReader.parse(
                    (String) stored,
                    ConfigFormat.JSON,
                    "the stored config of study '" + config.name() + "'",
                    Path.of(""),
                    registry);
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    "--resume: the stored config of study '" + config.name() + "' cannot be used here: "
                            + e.getMessage(),
                    e);
        }
        Map<String, Object> was = StudyConfigReader.definition(before);
        Map<String, Object> now = StudyConfigReader.definition(config);
        List<String> differ = new ArrayList<>();
        for (String key : was.keySet()) {
            if (!json(was.get(key)).equals(json(now.get(key)))) {
                differ.add(key);
            }
        }
        if (!differ.isEmpty()) {
            throw new UserError(
                    "--resume: study '" + config.name() + "' was created with another " + String.join(", ", differ)
                            + "; a resumed study must train and search the same way (only budget, jobs, timeout, storage and"
                            + " output may change). Give the study's own config, or --study NAME for a new study");
        }
    }

    private static String json(@Nullable Object o) {
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StudyResults results(Study study, List<FrozenTrial> trials) {
        return StudyResults.of(
                        study.name(),
                        trials,
                        study.directions(),
                        config.objectives().stream()
                                .map(TuningObjective::configName)
                                .toList(),
                        ScheduleTuning.familyParameterOf(config.template()))
                .withConfirmations(Confirmation.read(study.systemAttrs()));
    }

    private void header(Study study, StudyResults before, int remaining, Task task) {
        out.println("schedtune tune: study '" + study.name() + "' in " + StudyStorage.display(config.storage()));
        out.println(
                "  task " + config.task().kind() + ", model " + config.model() + ", optimizer " + config.optimizer());
        out.println(
                "  " + task.train().size() + " training / " + task.validation().size() + " validation rows"
                        + task.test()
                                .map(d -> " / " + d.size() + " test rows (held out from the search)")
                                .orElse(""));
        out.println("  epochs " + config.epochs() + ", batch size " + config.batchSize() + ", schedule lengths in "
                + config.units().configName() + " units");
        if (!config.baselines().isEmpty()) {
            out.println("  baselines (the study's first trials): "
                    + config.baselines().stream().map(Baseline::name).collect(Collectors.joining(", ")));
        }
        out.println("  search: " + space());
        out.println("  objectives "
                + config.objectives().stream()
                        .map(o -> o.configName() + " (" + o.direction().name().toLowerCase(Locale.ROOT) + ")")
                        .collect(Collectors.joining(", "))
                + "; sampler " + config.sampler() + ", pruner " + config.pruner());
        String budget = config.trials() + " trials"
                + (config.timeout() == null ? "" : " or " + Durations.format(Objects.requireNonNull(config.timeout())));
        if (before.done() == 0 && before.interrupted() == 0) {
            out.println("  budget " + budget + ", " + config.jobs() + " at a time (one worker process each)");
        } else {
            out.println("  resuming: " + before.done() + " trials done, " + remaining + " to run of a budget of "
                    + budget + ", " + config.jobs() + " at a time");
        }
        out.println();
        out.flush();
    }

    private String space() {
        List<String> parts = new ArrayList<>();
        if (config.epochs().isTuned()) {
            parts.add(config.epochs().toString());
        }
        if (config.batchSize().isTuned()) {
            parts.add(config.batchSize().toString());
        }
        for (Tunable t : config.template().space()) {
            parts.add(
                    t.type() == Tunable.Type.CHOICE ? t.name() + " (" + String.join("|", t.labels()) + ")" : t.name());
        }
        return parts.isEmpty() ? "nothing to tune" : parts.size() + " parameters: " + String.join(", ", parts);
    }

    private Duration optimize(Study study, ScheduleTuning tuning, int remaining) {
        int jobs = Math.min(config.jobs(), remaining);
        Progress progress = new Progress(
                out, mode, study, config.trials(), config.timeout(), trials -> results(study, trials), width());
        try {
            progress.start();
            OptimizeOptions.Builder options = OptimizeOptions.builder()
                    .budget(TrialBudget.more(remaining))
                    .nJobs(jobs)
                    // a training run that crashes (a worker process, DJL) fails its trial; the study goes on
                    .catching(Exception.class)
                    .callback(progress)
                    .callback(interruption.stopping());
            if (config.timeout() != null) {
                options.timeout(Objects.requireNonNull(config.timeout()));
            }
            study.optimizeMulti(tuning.asMultiObjective(), options.build());
        } finally {
            progress.close();
        }
        return progress.elapsed();
    }

    private static int width() {
        try {
            return Integer.parseInt(Objects.requireNonNullElse(System.getenv("COLUMNS"), "100"));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private void summary(StudyResults r, Duration elapsed, boolean interrupted) {
        out.println();
        String counts = r.countsText();
        out.println((interrupted ? "Stopped" : "Done") + (elapsed.isZero() ? "" : " after " + Durations.format(elapsed))
                + ": " + r.trials().size() + " trials (" + counts + ").");
        if (r.isMultiObjective()) {
            out.println("Pareto front: " + r.front().size() + (r.front().size() == 1 ? " trial" : " trials")
                    + (Double.isNaN(r.hypervolume())
                            ? ""
                            : String.format(Locale.ROOT, ", hypervolume %.3f", r.hypervolume())
                                    + " (objectives normalised to [0, 1] over the feasible complete trials, reference 1.1)")
                    + ":");
        } else {
            out.println("Best trial:");
        }
        out.println();
        out.print(ParetoTable.render(r, "  "));
        TestComparison comparison = TestComparison.of(r);
        if (!comparison.isEmpty()) {
            out.println();
            out.println("On the test split (never seen by the search), each schedule re-trained with "
                    + config.confirmSeeds() + " fresh seeds (mean ± sd; difference ± its standard error):");
            out.println();
            out.print(ParetoTable.renderComparison(comparison, "  "));
            out.println();
            out.println("Verdict: " + comparison.verdict() + ".");
        }
    }

    private void writeResults(StudyResults results) {
        Path folder = config.output();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserError("output (" + folder + ") cannot be created: " + e.getMessage(), e);
        }
        Map<Integer, Path> configs = ResultFiles.writeConfigs(results, folder);
        Path pareto = ResultFiles.writeParetoJson(results, folder, StudyStorage.display(config.storage()), configs);
        Path report = folder.resolve("report.html");
        try {
            SafeFiles.write(
                    report,
                    HtmlReport.render(
                            results, config.epochs().isTuned() ? "percent" : "epoch", reportEvidence(folder)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.println("Wrote:");
        out.println("  " + pareto + "   the best trials: parameters, objectives, accuracy");
        if (!configs.isEmpty()) {
            Path first = configs.values().iterator().next();
            out.println("  " + first.getParent() + "/   " + configs.size()
                    + " schedule configs (trial-N.yaml), one per best trial");
        }
        out.println("  " + report + "   the report: open it in a browser");
        if (!configs.isEmpty()) {
            Map.Entry<Integer, Path> e = configs.entrySet().iterator().next();
            FrozenTrial t = results.trials().get(e.getKey());
            int steps = TrialRecord.from(t).steps().orElse(1000);
            out.println();
            out.println(
                    "Look at a schedule:  schedtune plot --config " + e.getValue() + " --steps " + steps + " --ascii");
        }
    }

    private @Nullable Path reportEvidence(Path folder) {
        if (evidence != null) {
            return evidence;
        }
        Path local = folder.resolve("evidence.json");
        return Files.isRegularFile(local) ? local : null;
    }
}
