package dev.schedtune.trainers.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.Longs;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A learning problem: a training split, a validation split, an optional test split, and what is
 * predicted. All splits have the same type, feature count and output count. Immutable.
 *
 * <p>The test split is held out from the search: studies select on the validation split and only the
 * confirmation of their results (fresh seeds, after the search) evaluates on the test split.
 */
public final class Task {
    private final String name;
    private final Dataset train;
    private final Dataset validation;
    private final ImmutableList<String> classNames;
    private final ImmutableList<Long> featureShape;
    private final @Nullable Dataset test;

    private Task(
            String name,
            Dataset train,
            Dataset validation,
            @Nullable Dataset test,
            List<String> classNames,
            List<Long> featureShape) {
        this.name = name;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.classNames = ImmutableList.copyOf(classNames);
        this.featureShape = ImmutableList.copyOf(featureShape);
    }

    /**
     * A task from two splits. For classification, {@code classNames} names each class index (pass an
     * empty list for "0", "1", ...); for regression it must be empty.
     */
    public static Task of(String name, Dataset train, Dataset validation, List<String> classNames) {
        return of(name, train, validation, classNames, List.of((long) train.numFeatures()));
    }

    /**
     * As {@link #of(String, Dataset, Dataset, List)}, with the shape each row's features have when read
     * as an image (for example {@code [1, 8, 8]} for the digits); its product must be the feature count.
     */
    public static Task of(
            String name, Dataset train, Dataset validation, List<String> classNames, List<Long> featureShape) {
        checkArgument(!name.isBlank(), "task name must not be blank");
        checkArgument(
                train.type() == validation.type(),
                "train split is %s but validation split is %s",
                train.type(),
                validation.type());
        checkArgument(
                train.numFeatures() == validation.numFeatures(),
                "train split has %s features but validation split has %s",
                train.numFeatures(),
                validation.numFeatures());
        checkArgument(
                train.numOutputs() == validation.numOutputs(),
                "train split has %s outputs but validation split has %s",
                train.numOutputs(),
                validation.numOutputs());
        long product = 1;
        for (long d : featureShape) {
            checkArgument(d >= 1, "featureShape %s must hold positive sizes", featureShape);
            product *= d;
        }
        checkArgument(
                product == train.numFeatures(),
                "featureShape %s has %s elements but rows have %s features",
                featureShape,
                product,
                train.numFeatures());
        List<String> names = classNames;
        if (train.type() == TaskType.CLASSIFICATION) {
            if (names.isEmpty()) {
                ImmutableList.Builder<String> b = ImmutableList.builder();
                for (int i = 0; i < train.numOutputs(); i++) {
                    b.add(Integer.toString(i));
                }
                names = b.build();
            }
            checkArgument(
                    names.size() == train.numOutputs(),
                    "%s class names given for %s classes",
                    names.size(),
                    train.numOutputs());
        } else {
            checkArgument(names.isEmpty(), "a regression task has no class names");
        }
        return new Task(name, train, validation, null, names, featureShape);
    }

    /**
     * This task with a held-out test split (same type, feature count and output count as the others).
     */
    public Task withTest(Dataset test) {
        checkArgument(test.type() == train.type(), "test split is %s but train split is %s", test.type(), train.type());
        checkArgument(
                test.numFeatures() == train.numFeatures(),
                "test split has %s features but train split has %s",
                test.numFeatures(),
                train.numFeatures());
        checkArgument(
                test.numOutputs() == train.numOutputs(),
                "test split has %s outputs but train split has %s",
                test.numOutputs(),
                train.numOutputs());
        return new Task(name, train, validation, test, classNames, featureShape);
    }

    public String name() {
        return name;
    }

    public TaskType type() {
        return train.type();
    }

    public Dataset train() {
        return train;
    }

    public Dataset validation() {
        return validation;
    }

    /** The held-out test split, if the task has one. */
    public Optional<Dataset> test() {
        return Optional.ofNullable(test);
    }

    public int numFeatures() {
        return train.numFeatures();
    }

    /** Classes (classification) or target values per row (regression): the model's output width. */
    public int numOutputs() {
        return train.numOutputs();
    }

    /** Class names by index; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The shape of one row's features (for example {@code [64]}, or {@code [1, 8, 8]} for images). */
    public List<Long> featureShape() {
        return featureShape;
    }

    /** {@link #featureShape()} as an array. */
    public long[] featureShapeArray() {
        return Longs.toArray(featureShape);
    }

    @Override
    public String toString() {
        return name + " (" + type().name().toLowerCase(java.util.Locale.ROOT) + ", " + train.size() + " train / "
                + validation.size() + " validation" + (test == null ? "" : " / " + test.size() + " test")
                + " rows, " + numFeatures() + " features, " + numOutputs()
                + (type() == TaskType.CLASSIFICATION ? " classes)" : " targets)");
    }
}
