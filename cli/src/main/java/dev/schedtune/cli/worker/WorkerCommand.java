package dev.schedtune.cli.worker;

import dev.schedtune.cli.CliContext;
import dev.schedtune.cli.Durations;
import dev.schedtune.cli.UserError;
import dev.schedtune.cli.study.StorageOption;
import dev.schedtune.cli.tune.config.SamplerSpec;
import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.StudyBuilder;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.problem.BenchmarkProblem;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.StudyExistsException;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.storage.jdbc.PostgresLocation;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune worker}: runs the trials of a stored study until its budget is spent. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Run trials of a study stored in a shared database until its budget is spent.",
            "",
            "Start as many workers as you like, on one machine or many, at any time; each",
            "takes the next trial (enqueued ones first), so trial numbers stay unique and",
            "dense. A worker needs only the storage and the study's name: the study stores",
            "what its trials run. Each running trial sends a heartbeat; when a worker dies",
            "(killed, power loss, preemption), whichever worker notices first marks its",
            "trial FAIL after the grace period and enqueues its parameters again.",
            "",
            "With --benchmark the first worker creates a study of a test function (the",
            "others join it), for trying a deployment without training anything.",
        },
        footer = {
            "",
            "Storage URLs: postgresql://user:password@host:5432/db, jdbc:postgresql://...,",
            "a SQLite file (study.db, sqlite:///study.db). Keep passwords out of the command",
            "line with SCHEDTUNE_STORAGE=URL, or leave the password out of the URL and put it",
            "in ~/.pgpass.",
            "",
            "Examples:",
            "  schedtune worker --storage postgresql://tuner@db:5432/tuning --study lr-search",
            "  schedtune worker --storage study.db --study demo --benchmark zdt1 --sampler nsga2 --budget 200",
            "  SCHEDTUNE_STORAGE=postgresql://tuner:pw@db/tuning schedtune worker --study lr-search --trials 10",
        })
public final class WorkerCommand implements Callable<Integer> {
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

    private final List<WorkerJob> workerJobs;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    WorkerCommand(CliContext context) {
        this.workerJobs = context.workerJobs();
    }

    /** Where the study is: --storage URL or --storage-file FILE (default: $SCHEDTUNE_STORAGE). */
    @Mixin
    StorageOption storage = new StorageOption();

    @Option(names = "--study", paramLabel = "NAME", required = true, description = "The study's name.")
    @SuppressWarnings("NullAway.Init")
    String study;

    @Option(
            names = "--trials",
            paramLabel = "N",
            description = "Run at most N trials in this worker (the study's budget still holds).")
    @Nullable
    Integer trials;

    @Option(names = "--timeout", paramLabel = "TIME", description = "Start no trial after TIME (e.g. 90s, 10m, 2h).")
    @Nullable
    String timeout;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "Trials at once in this worker.")
    int jobs = 1;

    @Option(names = "--quiet", description = "Print only the summary, not a line per trial.")
    boolean quiet;

    @Option(
            names = "--benchmark",
            paramLabel = "PROBLEM",
            description = "Create the study if missing: a test function (sphere, zdt1, zdt2, zdt3, dtlz2).")
    @Nullable
    String benchmark;

    @Option(
            names = "--sampler",
            paramLabel = "TYPE",
            defaultValue = "random",
            completionCandidates = SamplerSpec.Types.class,
            description = "With --benchmark: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String sampler = "random";

    @Option(
            names = "--population",
            paramLabel = "N",
            defaultValue = "20",
            description = "With --benchmark: the population of nsga2 and smsemoa (default: 20).")
    int population = 20;

    @Option(
            names = "--budget",
            paramLabel = "N",
            defaultValue = "100",
            description = "With --benchmark: the study's trials in all (default: 100).")
    int budget = 100;

    @Option(
            names = "--work",
            paramLabel = "TIME",
            defaultValue = "0",
            description = "With --benchmark: how long each trial sleeps, standing in for training (default: 0).")
    String work = "0";

    @Option(names = "--seed", paramLabel = "N", description = "With --benchmark: the study's seed.")
    @Nullable
    Long seed;

    @Option(
            names = "--reproducible",
            description = "With --benchmark: reproducible mode (same seed, same trials, whatever the workers).")
    boolean reproducible;

    @Option(
            names = "--heartbeat",
            paramLabel = "TIME",
            description = "Heartbeat interval of a study created here or stored without one (default: 10s).")
    @Nullable
    String heartbeat;

    @Option(
            names = "--grace",
            paramLabel = "TIME",
            description = "How long a trial may miss heartbeats before it is failed and retried (default: 60s).")
    @Nullable
    String grace;

    @Option(
            names = "--retries",
            paramLabel = "N",
            description = "With --benchmark: how often a dead worker's trial is re-run (default: 1).")
    @Nullable
    Integer retries;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        String url = storageUrl();
        Duration until = timeout == null ? null : Durations.parse(timeout, "--timeout");
        Duration beat = heartbeat == null ? DEFAULT_HEARTBEAT : Durations.parse(heartbeat, "--heartbeat");
        Duration graceTime = grace == null ? DEFAULT_GRACE : Durations.parse(grace, "--grace");
        if (graceTime.compareTo(beat) <= 0) {
            throw new UserError("--grace (" + Durations.format(graceTime) + ") must be longer than --heartbeat ("
                    + Durations.format(beat) + ")");
        }
        try (Storage st = open(url)) {
            String where = PostgresLocation.redact(url);
            StudyRecord record = findOrCreate(st, where, beat, graceTime, out);
            Map<String, @Nullable Object> systemAttrs = st.studySystemAttrs(record.studyId());
            WorkerJob.Plan plan = plan(record.name(), st.studyUserAttrs(record.studyId()), systemAttrs, where, jobs);
            try {
                StudyBuilder builder = Study.builder(study).storage(st).sampler(plan.sampler());
                if (plan.pruner() != null) {
                    builder.pruner(plan.pruner());
                }
                if (!systemAttrs.containsKey(Study.HEARTBEAT_KEY)) {
                    builder.heartbeat(beat, graceTime);
                }
                Study s = builder.load();
                return run(s, plan, until, where, out);
            } finally {
                release(plan.resources());
            }
        } catch (StorageException e) {
            throw new UserError("storage (" + PostgresLocation.redact(url) + "): " + e.getMessage(), e);
        }
    }

    private static void release(AutoCloseable resources) {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the worker's resources: " + e.getMessage(), e);
        }
    }

    private void checkOptions() {
        if (study.isBlank()) {
            throw new UserError("--study must not be empty");
        }
        if (trials != null && trials < 1) {
            throw new UserError("--trials (" + trials + ") must be >= 1");
        }
        if (jobs < 1 || jobs > 256) {
            throw new UserError("--jobs (" + jobs + ") must be in [1, 256]");
        }
        if (population < 2 || population > 100_000) {
            throw new UserError("--population (" + population + ") must be in [2, 100000]");
        }
        if (budget < 1 || budget > 10_000_000) {
            throw new UserError("--budget (" + budget + ") must be in [1, 10000000]");
        }
        if (retries != null && (retries < 0 || retries > 1000)) {
            throw new UserError("--retries (" + retries + ") must be in [0, 1000]");
        }
        if (!SamplerSpec.types().contains(sampler.toLowerCase(Locale.ROOT))) {
            throw new UserError("--sampler (" + sampler + ") must be one of " + String.join(", ", SamplerSpec.types()));
        }
    }

    private String storageUrl() {
        String url = storage.given();
        if (url == null) {
            throw new UserError("--storage is required (a database URL or SQLite file), or --storage-file FILE, or"
                    + " set SCHEDTUNE_STORAGE");
        }
        return url;
    }

    private Storage open(String url) {
        Path file = sqliteFile(url);
        if (file != null && benchmark == null && !Files.exists(file)) {
            throw new UserError("--storage (" + url + "): no such file " + file
                    + " (give the SQLite file of an existing study, or --benchmark to create one)");
        }
        try {
            return Storages.open(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("--storage: " + e.getMessage(), e);
        } catch (StorageException e) {
            throw new UserError(e.getMessage(), e); // names the database (without password) and the reason
        }
    }

    /** The SQLite file a URL names, or null for other storages. */
    static @Nullable Path sqliteFile(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:///")) {
            return Path.of(url.substring("sqlite:///".length()));
        }
        if (lower.startsWith("jdbc:sqlite:")) {
            return Path.of(url.substring("jdbc:sqlite:".length()));
        }
        if (!lower.contains(":") || lower.matches("^[a-z]:\\\\.*")) {
            return Path.of(url);
        }
        return null;
    }

    private StudyRecord findOrCreate(Storage st, String where, Duration beat, Duration graceTime, PrintWriter out) {
        Optional<StudyRecord> found = st.findStudy(study);
        if (found.isPresent()) {
            return found.get();
        }
        if (benchmark == null) {
            List<String> names = st.studies().stream().map(StudyRecord::name).collect(Collectors.toList());
            throw new UserError("no study named '" + study + "' in " + where
                    + (names.isEmpty() ? " (it holds none)" : "; it holds: " + String.join(", ", names))
                    + ". Create it with 'schedtune tune', or give --benchmark to create a test study");
        }
        BenchmarkJob.Spec spec;
        try {
            spec = new BenchmarkJob.Spec(
                    BenchmarkProblem.parse(benchmark),
                    sampler.toLowerCase(Locale.ROOT),
                    population,
                    budget,
                    Durations.parseOrZero(work, "--work").toMillis());
        } catch (IllegalArgumentException e) {
            throw new UserError("--benchmark: " + e.getMessage(), e);
        }
        List<StudyDirection> directions = Collections.nCopies(spec.problem().objectives(), StudyDirection.MINIMIZE);
        StudyBuilder b = Study.builder(study)
                .storage(st)
                .directions(directions)
                .reproducible(reproducible)
                .heartbeat(beat, graceTime)
                .systemAttr(BenchmarkJob.KEY, spec.toAttr());
        if (seed != null) {
            b.seed(seed);
        }
        if (retries != null) {
            b.maxRetries(retries);
        }
        try {
            b.create();
            out.println("created study '" + study + "' in " + where);
        } catch (StudyExistsException raced) {
            // another worker created it a moment ago: join it
        }
        return st.findStudy(study).orElseThrow();
    }

    private WorkerJob.Plan plan(
            String name,
            Map<String, @Nullable Object> userAttrs,
            Map<String, @Nullable Object> systemAttrs,
            String where,
            int jobs) {
        for (WorkerJob job : workerJobs) {
            Optional<WorkerJob.Plan> plan;
            try {
                plan = job.plan(name, userAttrs, systemAttrs, jobs);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            if (plan.isPresent()) {
                return plan.get();
            }
        }
        throw new UserError("study '" + name + "' in " + where + " stores nothing a worker can run (it was not"
                + " created by 'schedtune tune' or 'schedtune worker --benchmark'); run it with the program that"
                + " created it");
    }

    private int run(Study s, WorkerJob.Plan plan, @Nullable Duration until, String where, PrintWriter out) {
        String me = ProcessHandle.current().pid() + "@" + hostName();
        out.println("worker " + me + " joins study '" + s.name() + "' in " + where + ": " + plan.description()
                + (s.heartbeatInterval() != null
                        ? "; heartbeat every " + Durations.format(s.heartbeatInterval()) + ", grace "
                                + Durations.format(s.heartbeatGrace())
                        : "")
                + (s.isReproducible() ? "; reproducible mode" : ""));
        out.flush();
        TrialBudget budget;
        if (plan.totalTrials().isPresent()) {
            budget = TrialBudget.total(plan.totalTrials().getAsInt());
        } else if (trials != null || until != null) {
            budget = TrialBudget.unlimited();
        } else {
            throw new UserError("study '" + s.name() + "' has no trial budget; give --trials N or --timeout TIME");
        }
        AtomicInteger ran = new AtomicInteger();
        List<FrozenTrial> mine = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        OptimizeOptions.Builder options =
                // a trial whose run crashes is recorded as FAIL and the worker goes on to the next
                OptimizeOptions.builder().budget(budget).nJobs(jobs).catching(Exception.class);
        if (until != null) {
            options.timeout(until);
        }
        options.callback((study, trial) -> {
            mine.add(trial);
            int n = ran.incrementAndGet();
            if (!quiet) {
                StudyTrials all = study.trials();
                synchronized (out) {
                    out.println("trial " + trial.number() + " " + trial.state() + values(trial) + " in "
                            + seconds(trial) + "  (study: " + counts(all) + "; budget " + budget(plan) + ")");
                    out.flush();
                }
            }
            if (trials != null && n >= trials) {
                study.stop();
            }
        });
        s.optimizeMulti(plan.objective(), options.build());
        StudyTrials all = s.trials();
        long complete =
                mine.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
        out.println("worker " + me + " done: ran " + mine.size() + " trials (" + complete + " COMPLETE) in "
                + Durations.format(Duration.ofNanos(System.nanoTime() - started)) + "; study '" + s.name() + "': "
                + counts(all) + "; budget " + budget(plan));
        out.flush();
        return 0;
    }

    private static String values(FrozenTrial t) {
        if (t.values() == null) {
            Object reason = t.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY);
            return reason == null ? "" : " (" + reason + ")";
        }
        StringBuilder b = new StringBuilder(" [");
        for (int i = 0; i < t.values().length(); i++) {
            b.append(i > 0 ? ", " : "")
                    .append(String.format(Locale.ROOT, "%.6g", t.values().get(i)));
        }
        return b.append(']').toString();
    }

    private static String seconds(FrozenTrial t) {
        Duration d = t.duration();
        return d == null ? "?" : String.format(Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
    }

    private static String budget(WorkerJob.Plan plan) {
        return plan.totalTrials().isPresent()
                ? Integer.toString(plan.totalTrials().getAsInt())
                : "unlimited";
    }

    private static String counts(StudyTrials all) {
        List<String> parts = new ArrayList<>();
        for (TrialState state : TrialState.values()) {
            if (all.count(state) > 0) {
                parts.add(all.count(state) + " " + state);
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
