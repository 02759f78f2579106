package dev.schedtune.trainers.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * Rows of numeric features with their labels (classification) or targets (regression), held in Java
 * arrays. Immutable: factories copy their inputs and accessors return read-only views.
 */
public final class Dataset {
    private final TaskType type;
    private final int rows;
    private final int numFeatures;
    private final int numOutputs;
    private final float[] features;
    private final int[] labels;
    private final float[] targets;

    private Dataset(
            TaskType type, int rows, int numFeatures, int numOutputs, float[] features, int[] labels, float[] targets) {
        this.type = type;
        this.rows = rows;
        this.numFeatures = numFeatures;
        this.numOutputs = numOutputs;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * A classification dataset: {@code features} holds {@code labels.length} rows of {@code numFeatures}
     * values (row-major); each label is a class index in [0, numClasses).
     */
    public static Dataset classification(float[] features, int numFeatures, int[] labels, int numClasses) {
        checkArgument(numClasses >= 2, "numClasses (%s) must be >= 2", numClasses);
        checkShape(features, numFeatures, labels.length);
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            checkArgument(
                    label >= 0 && label < numClasses, "label of row %s (%s) must be in [0, %s)", i, label, numClasses);
        }
        return new Dataset(
                TaskType.CLASSIFICATION,
                labels.length,
                numFeatures,
                numClasses,
                features.clone(),
                labels.clone(),
                new float[0]);
    }

    /**
     * A regression dataset: {@code features} holds rows of {@code numFeatures} values and {@code
     * targets} the same number of rows of {@code numTargets} values (both row-major).
     */
    public static Dataset regression(float[] features, int numFeatures, float[] targets, int numTargets) {
        checkArgument(numTargets >= 1, "numTargets (%s) must be >= 1", numTargets);
        checkArgument(
                targets.length % numTargets == 0,
                "targets.length (%s) must be a multiple of numTargets (%s)",
                targets.length,
                numTargets);
        int rows = targets.length / numTargets;
        checkShape(features, numFeatures, rows);
        for (int i = 0; i < targets.length; i++) {
            checkArgument(
                    Float.isFinite(targets[i]),
                    "target %s of row %s (%s) must be finite",
                    i % numTargets,
                    i / numTargets,
                    targets[i]);
        }
        return new Dataset(
                TaskType.REGRESSION, rows, numFeatures, numTargets, features.clone(), new int[0], targets.clone());
    }

    private static void checkShape(float[] features, int numFeatures, int rows) {
        checkArgument(numFeatures >= 1, "numFeatures (%s) must be >= 1", numFeatures);
        checkArgument(rows >= 1, "a dataset needs at least one row");
        checkArgument(
                features.length == (long) rows * numFeatures,
                "features.length (%s) must be rows (%s) x numFeatures (%s)",
                features.length,
                rows,
                numFeatures);
        for (int i = 0; i < features.length; i++) {
            checkArgument(
                    Float.isFinite(features[i]),
                    "feature %s of row %s (%s) must be finite",
                    i % numFeatures,
                    i / numFeatures,
                    features[i]);
        }
    }

    public TaskType type() {
        return type;
    }

    /** The number of rows. */
    public int size() {
        return rows;
    }

    public int numFeatures() {
        return numFeatures;
    }

    /** The number of classes (classification) or of target values per row (regression). */
    public int numOutputs() {
        return numOutputs;
    }

    /** Feature {@code column} of {@code row}. */
    public float feature(int row, int column) {
        return features[row * numFeatures + column];
    }

    /** The class index of {@code row}; classification only. */
    public int label(int row) {
        checkArgument(type == TaskType.CLASSIFICATION, "a regression dataset has targets, not labels");
        return labels[row];
    }

    /** Target {@code k} of {@code row}; regression only. */
    public float target(int row, int k) {
        checkArgument(type == TaskType.REGRESSION, "a classification dataset has labels, not targets");
        return targets[row * numOutputs + k];
    }

    /** All features, row-major, read-only. */
    public FloatBuffer featureBuffer() {
        return FloatBuffer.wrap(features).asReadOnlyBuffer();
    }

    /** All class indices, read-only (empty for regression). */
    public IntBuffer labelBuffer() {
        return IntBuffer.wrap(labels).asReadOnlyBuffer();
    }

    /** All targets, row-major, read-only (empty for classification). */
    public FloatBuffer targetBuffer() {
        return FloatBuffer.wrap(targets).asReadOnlyBuffer();
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset rows(int[] indices) {
        float[] f = new float[indices.length * numFeatures];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * numFeatures, f, i * numFeatures, numFeatures);
        }
        if (type == TaskType.CLASSIFICATION) {
            int[] l = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                l[i] = labels[indices[i]];
            }
            return new Dataset(type, indices.length, numFeatures, numOutputs, f, l, new float[0]);
        }
        float[] t = new float[indices.length * numOutputs];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets, indices[i] * numOutputs, t, i * numOutputs, numOutputs);
        }
        return new Dataset(type, indices.length, numFeatures, numOutputs, f, new int[0], t);
    }

    /** Features scaled per column by {@code (x - mean[c]) / std[c]}. */
    Dataset standardized(float[] mean, float[] std) {
        float[] f = features.clone();
        for (int i = 0; i < f.length; i++) {
            int c = i % numFeatures;
            f[i] = (f[i] - mean[c]) / std[c];
        }
        return new Dataset(type, rows, numFeatures, numOutputs, f, labels, targets);
    }

    /** Per-column mean and standard deviation (a zero deviation becomes 1, so constants stay finite). */
    float[][] columnMoments() {
        double[] sum = new double[numFeatures];
        double[] sq = new double[numFeatures];
        for (int i = 0; i < features.length; i++) {
            sum[i % numFeatures] += features[i];
        }
        float[] mean = new float[numFeatures];
        for (int c = 0; c < numFeatures; c++) {
            mean[c] = (float) (sum[c] / rows);
        }
        for (int i = 0; i < features.length; i++) {
            double d = features[i] - mean[i % numFeatures];
            sq[i % numFeatures] += d * d;
        }
        float[] std = new float[numFeatures];
        for (int c = 0; c < numFeatures; c++) {
            double s = Math.sqrt(sq[c] / rows);
            std[c] = s > 0 ? (float) s : 1f;
        }
        return new float[][] {mean, std};
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        if (!(o instanceof Dataset)) {
            return false;
        }
        Dataset d = (Dataset) o;
        return type == d.type
                && rows == d.rows
                && numFeatures == d.numFeatures
                && numOutputs == d.numOutputs
                && Arrays.equals(features, d.features)
                && Arrays.equals(labels, d.labels)
                && Arrays.equals(targets, d.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(labels) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + " dataset: " + rows + " rows x " + numFeatures
                + " features -> " + numOutputs + (type == TaskType.CLASSIFICATION ? " classes" : " targets");
    }
}
