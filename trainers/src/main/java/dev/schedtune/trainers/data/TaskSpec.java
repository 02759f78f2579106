package dev.schedtune.trainers.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A task as data: its kind and parameters, small enough to send to a worker process or write to a
 * config, and enough to {@link #load()} the same {@link Task} anywhere. Immutable; equal specs load
 * equal tasks.
 *
 * <p>Kinds and parameters (defaults in brackets; every kind also takes {@code validation_fraction} [0.2]
 * and {@code split_seed} [0]; every kind but fashion_mnist takes {@code test_fraction}, the share held
 * out as the test split before the validation split is drawn, stratified and with a fixed seed, [0.2 for
 * digits, else 0]):
 *
 * <ul>
 *   <li>{@code digits}: the UCI handwritten digits (1,797 8×8 images, 10 classes, pixels scaled to [0,
 *       1]), vendored in this jar.
 *   <li>{@code fashion_mnist}: Zalando's Fashion-MNIST (28×28 images, 10 classes, pixels scaled to [0,
 *       1]) from its four IDX files: {@code path} [$SCHEDTUNE_DATA/fashion-mnist, else Debian's
 *       /usr/share/datasets/fashion-mnist], {@code train_subset} [60000] (a stratified subset of the
 *       training images, drawn with {@code subset_seed} [0], split into training and validation), {@code
 *       test_subset} [10000] (of the official t10k images: the test split).
 *   <li>{@code two_spirals}: {@code samples} [1000], {@code noise} [0.05], {@code seed} [0].
 *   <li>{@code blobs}: {@code samples} [1000], {@code features} [2], {@code centers} [3], {@code spread}
 *       [1.0], {@code seed} [0].
 *   <li>{@code teacher_student} (regression): {@code samples} [2000], {@code features} [16], {@code
 *       outputs} [1], {@code hidden} [32], {@code noise} [0.1], {@code seed} [0].
 *   <li>{@code csv}: {@code path}, {@code validation_path}, {@code label}, {@code type}
 *       [classification], {@code classes}, {@code header} [true], {@code standardize} [false], {@code
 *       test_path} (a test file instead of {@code test_fraction}); see {@link CsvOptions}.
 * </ul>
 */
public final class TaskSpec {
    public static final String DIGITS = "digits";
    public static final String FASHION_MNIST = "fashion_mnist";
    public static final String TWO_SPIRALS = "two_spirals";
    public static final String BLOBS = "blobs";
    public static final String TEACHER_STUDENT = "teacher_student";
    public static final String CSV = "csv";
    private static final String IN_MEMORY = "in_memory";

    private final String kind;
    private final ImmutableMap<String, Object> params;
    private final @Nullable Task inMemory;

    private TaskSpec(String kind, ImmutableMap<String, Object> params, @Nullable Task inMemory) {
        this.kind = kind;
        this.params = params;
        this.inMemory = inMemory;
    }

    /**
     * A spec of {@code kind} with {@code params}; checked and normalised at once.
     *
     * @throws IllegalArgumentException naming the kind, the parameter, its value and what is allowed
     */
    public static TaskSpec of(String kind, Map<String, ?> params) {
        return new TaskSpec(kind, TaskParams.check(kind, params), null);
    }

    /** The vendored UCI handwritten digits. */
    public static TaskSpec digits() {
        return of(DIGITS, Map.of());
    }

    /**
     * Fashion-MNIST from its default folder: a stratified subset of {@code trainSubset} training images
     * (split into training and validation) and the official test images as the test split.
     */
    public static TaskSpec fashionMnist(int trainSubset) {
        return of(FASHION_MNIST, Map.of("train_subset", trainSubset));
    }

    /** Two interleaved spirals (2 features, 2 classes). */
    public static TaskSpec twoSpirals(int samples, double noise, long seed) {
        return of(TWO_SPIRALS, Map.of("samples", samples, "noise", noise, "seed", seed));
    }

    /** Gaussian blobs around {@code centers} random centres. */
    public static TaskSpec blobs(int samples, int features, int centers, double spread, long seed) {
        return of(
                BLOBS,
                Map.of("samples", samples, "features", features, "centers", centers, "spread", spread, "seed", seed));
    }

    /** Regression on the outputs of a random teacher network; samples, features and hidden set the size. */
    public static TaskSpec teacherStudent(int samples, int features, int outputs, int hidden, double noise, long seed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("samples", samples);
        p.put("features", features);
        p.put("outputs", outputs);
        p.put("hidden", hidden);
        p.put("noise", noise);
        p.put("seed", seed);
        return of(TEACHER_STUDENT, p);
    }

    /** A user's CSV file, read as {@code options} say. */
    public static TaskSpec csv(CsvOptions options) {
        return of(CSV, options.params());
    }

    /**
     * A task already in memory. It trains in this process only: it cannot be sent to a worker process
     * or written to a config ({@link #isPortable()} is false).
     */
    public static TaskSpec inMemory(Task task) {
        return new TaskSpec(IN_MEMORY, ImmutableMap.of("name", task.name()), task);
    }

    /** This spec with another validation split (fraction of rows held out, and the seed choosing them). */
    public TaskSpec withValidationSplit(double fraction, long seed) {
        checkArgument(inMemory == null, "an in-memory task has its split already");
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("validation_fraction", fraction);
        p.put("split_seed", seed);
        return of(kind, p);
    }

    /** The kind ({@link #DIGITS}, {@link #CSV}, ...). */
    public String kind() {
        return kind;
    }

    /** Every parameter with defaults filled in, in declaration order. */
    public Map<String, Object> params() {
        return params;
    }

    /** Whether this spec is pure data (every kind but {@link #inMemory(Task)}). */
    public boolean isPortable() {
        return inMemory == null;
    }

    /**
     * The task. Loading is deterministic; recently loaded tasks are cached, so repeated trials do not
     * re-read files (a CSV file is re-read when its size or modification time changes).
     *
     * @throws TaskDataException when a data file is missing or malformed
     */
    public Task load() {
        if (inMemory != null) {
            return inMemory;
        }
        return TaskLoader.load(this);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (!(o instanceof TaskSpec)) {
            return false;
        }
        TaskSpec s = (TaskSpec) o;
        return kind.equals(s.kind) && params.equals(s.params) && inMemory == s.inMemory;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, params);
    }

    @Override
    public String toString() {
        return kind
                + params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
