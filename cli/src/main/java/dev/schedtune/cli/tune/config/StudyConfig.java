package dev.schedtune.cli.tune.config;

import com.google.common.collect.ImmutableList;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.search.pbt.PopulationBasedTraining;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import dev.schedtune.trainers.tuning.Baseline;
import dev.schedtune.trainers.tuning.DivergencePolicy;
import dev.schedtune.trainers.tuning.IntSetting;
import dev.schedtune.trainers.tuning.ScheduleTuning;
import dev.schedtune.trainers.tuning.ScheduleUnits;
import dev.schedtune.trainers.tuning.StopSignal;
import dev.schedtune.trainers.tuning.TuningObjective;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tuning study, read and checked: what to train (task, model, optimizer, epochs, batch size), which
 * schedules to search (a template), what to optimise (objectives), how (sampler, pruner), how much
 * (trials, timeout, jobs) and where the results go (storage URL, output folder). Immutable; read with
 * {@link StudyConfigReader}, change with {@link #toBuilder()}.
 */
public final class StudyConfig {
    private final String name;
    private final long seed;
    private final TaskSpec task;
    private final ModelSpec model;
    private final OptimizerSpec optimizer;
    private final @Nullable Template template;
    private final @Nullable PopulationBasedTraining pbt;
    private final ScheduleUnits units;
    private final IntSetting epochs;
    private final IntSetting batchSize;
    private final long trainingSeed;
    private final int repeats;
    private final DivergencePolicy divergence;
    private final ImmutableList<TuningObjective> objectives;
    private final ImmutableList<Baseline> baselines;
    private final int confirmSeeds;
    private final SamplerSpec sampler;
    private final PrunerSpec pruner;
    private final int trials;
    private final @Nullable Duration timeout;
    private final @Nullable Duration trialTimeout;
    private final Duration heartbeatInterval;
    private final Duration heartbeatGrace;
    private final int jobs;
    private final @Nullable String storage;
    private final Path output;

    private StudyConfig(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.seed = b.seed;
        this.task = Objects.requireNonNull(b.task, "task");
        this.model = Objects.requireNonNull(b.model, "model");
        this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        this.template = b.template;
        this.pbt = b.pbt;
        if (template == null && pbt == null) {
            throw new IllegalArgumentException("a study config needs a template (tune) or a pbt section (pbt)");
        }
        this.units = b.units;
        this.epochs = Objects.requireNonNull(b.epochs, "epochs");
        this.batchSize = Objects.requireNonNull(b.batchSize, "batchSize");
        this.trainingSeed = b.trainingSeed;
        this.repeats = b.repeats;
        this.divergence = b.divergence;
        this.objectives = ImmutableList.copyOf(b.objectives);
        this.baselines = ImmutableList.copyOf(b.baselines);
        this.confirmSeeds = b.confirmSeeds;
        this.sampler = b.sampler;
        this.pruner = b.pruner;
        this.trials = b.trials;
        this.timeout = b.timeout;
        this.trialTimeout = b.trialTimeout;
        this.heartbeatInterval = b.heartbeatInterval;
        this.heartbeatGrace = b.heartbeatGrace;
        this.jobs = b.jobs;
        this.output = Objects.requireNonNull(b.output, "output");
        this.storage = b.storage;
    }

    public String name() {
        return name;
    }

    /** The study's seed: samplers draw from it (and it is stored with the study). */
    public long seed() {
        return seed;
    }

    public TaskSpec task() {
        return task;
    }

    public ModelSpec model() {
        return model;
    }

    public OptimizerSpec optimizer() {
        return optimizer;
    }

    /**
     * The schedules a tuning study searches.
     *
     * @throws IllegalStateException if the config has none (a PBT study: see {@link #hasTemplate()})
     */
    public Template template() {
        if (template == null) {
            throw new IllegalStateException("study '" + name + "' has no template (it is a PBT study)");
        }
        return template;
    }

    /** Whether the config has a template ({@code schedtune tune} needs one). */
    public boolean hasTemplate() {
        return template != null;
    }

    /** The population-based training settings ({@code schedtune pbt}), if the config has a {@code pbt} section. */
    public Optional<PopulationBasedTraining> pbt() {
        return Optional.ofNullable(pbt);
    }

    public ScheduleUnits units() {
        return units;
    }

    public IntSetting epochs() {
        return epochs;
    }

    public IntSetting batchSize() {
        return batchSize;
    }

    /** Seeds weight initialisation and shuffling; the same for every trial, so trials differ by their settings only. */
    public long trainingSeed() {
        return trainingSeed;
    }

    /**
     * Training runs per trial, each with its own seed and validation split (training seed + r, split seed
     * + r): the objectives are their means, so a schedule is not chosen for one lucky seed.
     */
    public int repeats() {
        return repeats;
    }

    public DivergencePolicy divergence() {
        return divergence;
    }

    public List<TuningObjective> objectives() {
        return objectives;
    }

    public List<StudyDirection> directions() {
        return objectives.stream().map(TuningObjective::direction).toList();
    }

    /** Schedules trained as the study's first trials, to judge the tuned ones against. */
    public List<Baseline> baselines() {
        return baselines;
    }

    /** Fresh seeds each Pareto trial and baseline is re-trained with on the test split (0: none). */
    public int confirmSeeds() {
        return confirmSeeds;
    }

    /** The study's objective: its trials train in {@code pool} and stop when {@code stop} is set. */
    public ScheduleTuning tuning(@Nullable WorkerPool pool, StopSignal stop) {
        return ScheduleTuning.builder(task, model, template())
                .optimizer(optimizer)
                .units(units)
                .epochs(epochs)
                .batchSize(batchSize)
                .seed(trainingSeed)
                .repeats(repeats)
                .objectives(objectives)
                .divergence(divergence)
                .belowChance(true)
                .baselines(baselines)
                .pool(pool)
                .stopSignal(stop)
                .trialTimeout(trialTimeout)
                .build();
    }

    public SamplerSpec sampler() {
        return sampler;
    }

    public PrunerSpec pruner() {
        return pruner;
    }

    /** Trials that run to their end (complete, pruned or failed; trials cut short by Ctrl-C do not count). */
    public int trials() {
        return trials;
    }

    public @Nullable Duration timeout() {
        return timeout;
    }

    /**
     * How long one training run may take before its worker is killed and the trial fails (config {@code
     * training.trial_timeout}); null: derived from the study's complete trials.
     */
    public @Nullable Duration trialTimeout() {
        return trialTimeout;
    }

    /**
     * How often a running trial records a heartbeat (default 10 s; {@code tune --heartbeat}). Stored with
     * the study when {@code tune} creates it; not part of the config file.
     */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * How long a trial may go without a heartbeat before any worker fails it and enqueues its parameters
     * again (default 60 s; {@code tune --grace}). Stored with the study when {@code tune} creates it.
     */
    public Duration heartbeatGrace() {
        return heartbeatGrace;
    }

    /** Trials trained at once, each in its own worker process. */
    public int jobs() {
        return jobs;
    }

    /** Where the study is stored: a SQLite file path or a storage URL. */
    public String storage() {
        return storage != null ? storage : output.resolve("study.db").toString();
    }

    /** Whether the storage was given (else it follows the output folder). */
    public boolean storageGiven() {
        return storage != null;
    }

    /** The folder for pareto.json, the Pareto trials' configs and report.html. */
    public Path output() {
        return output;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.seed = seed;
        b.task = task;
        b.model = model;
        b.optimizer = optimizer;
        b.template = template;
        b.pbt = pbt;
        b.units = units;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.trainingSeed = trainingSeed;
        b.repeats = repeats;
        b.divergence = divergence;
        b.objectives = objectives;
        b.baselines = baselines;
        b.confirmSeeds = confirmSeeds;
        b.sampler = sampler;
        b.pruner = pruner;
        b.trials = trials;
        b.timeout = timeout;
        b.trialTimeout = trialTimeout;
        b.heartbeatInterval = heartbeatInterval;
        b.heartbeatGrace = heartbeatGrace;
        b.jobs = jobs;
        b.storage = storage;
        b.output = output;
        return b;
    }

    /** Sets the fields of a study config; {@link #build()} makes it. */
    public static final class Builder {
        private @Nullable String name;
        private long seed;
        private @Nullable TaskSpec task;
        private @Nullable ModelSpec model;
        private @Nullable OptimizerSpec optimizer;
        private @Nullable Template template;
        private @Nullable PopulationBasedTraining pbt;
        private ScheduleUnits units = ScheduleUnits.RUN;
        private @Nullable IntSetting epochs;
        private @Nullable IntSetting batchSize;
        private long trainingSeed;
        private int repeats = 1;
        private DivergencePolicy divergence = DivergencePolicy.fail();
        private List<TuningObjective> objectives = List.of(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS);
        private List<Baseline> baselines = List.of();
        private int confirmSeeds = 3;
        private SamplerSpec sampler = SamplerSpec.of("tpe");
        private PrunerSpec pruner = PrunerSpec.of("pareto");
        private int trials = 50;
        private @Nullable Duration timeout;
        private @Nullable Duration trialTimeout;
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration heartbeatGrace = Duration.ofSeconds(60);
        private int jobs = 1;
        private @Nullable String storage;
        private @Nullable Path output;

        Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        Builder task(TaskSpec task) {
            this.task = task;
            return this;
        }

        Builder model(ModelSpec model) {
            this.model = model;
            return this;
        }

        Builder optimizer(OptimizerSpec optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        Builder template(Template template) {
            this.template = template;
            return this;
        }

        Builder pbt(PopulationBasedTraining pbt) {
            this.pbt = pbt;
            return this;
        }

        Builder units(ScheduleUnits units) {
            this.units = units;
            return this;
        }

        Builder epochs(IntSetting epochs) {
            this.epochs = epochs;
            return this;
        }

        Builder batchSize(IntSetting batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        Builder trainingSeed(long trainingSeed) {
            this.trainingSeed = trainingSeed;
            return this;
        }

        Builder repeats(int repeats) {
            this.repeats = repeats;
            return this;
        }

        Builder divergence(DivergencePolicy divergence) {
            this.divergence = divergence;
            return this;
        }

        Builder objectives(List<TuningObjective> objectives) {
            this.objectives = List.copyOf(objectives);
            return this;
        }

        Builder baselines(List<Baseline> baselines) {
            this.baselines = List.copyOf(baselines);
            return this;
        }

        public Builder confirmSeeds(int confirmSeeds) {
            this.confirmSeeds = confirmSeeds;
            return this;
        }

        public Builder sampler(SamplerSpec sampler) {
            this.sampler = sampler;
            return this;
        }

        public Builder pruner(PrunerSpec pruner) {
            this.pruner = pruner;
            return this;
        }

        public Builder trials(int trials) {
            this.trials = trials;
            return this;
        }

        public Builder timeout(@Nullable Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder trialTimeout(@Nullable Duration trialTimeout) {
            this.trialTimeout = trialTimeout;
            return this;
        }

        /** The heartbeat interval and grace of a study {@code tune} creates; grace must exceed the interval. */
        public Builder heartbeat(Duration interval, Duration grace) {
            if (grace.compareTo(interval) <= 0) {
                throw new IllegalArgumentException(
                        "heartbeat grace (" + grace + ") must be longer than the interval (" + interval + ")");
            }
            this.heartbeatInterval = interval;
            this.heartbeatGrace = grace;
            return this;
        }

        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        /** A SQLite path or storage URL; null for {@code <output>/study.db}. */
        public Builder storage(@Nullable String storage) {
            this.storage = storage;
            return this;
        }

        public Builder output(Path output) {
            this.output = output;
            return this;
        }

        public StudyConfig build() {
            return new StudyConfig(this);
        }
    }
}
