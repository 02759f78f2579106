package dev.schedtune.trainers.data;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to read a user's CSV task. Immutable; start from {@link #classification(Path)} or {@link
 * #regression(Path)} and refine with the {@code with*} methods.
 *
 * <p>Defaults: a header line; the label in the last column; classes are the distinct labels of the
 * training file (in numeric order when all are integers, else sorted); 20% of the rows held out for
 * validation (stratified, seed 0) unless a validation file is given; features used as written.
 */
public final class CsvOptions {
    private final Map<String, Object> params;

    private CsvOptions(Map<String, Object> params) {
        this.params = params;
    }

    /** Classification: the label column holds class names. */
    public static CsvOptions classification(Path file) {
        return create(file, "classification");
    }

    /** Regression: the label column holds the number to predict. */
    public static CsvOptions regression(Path file) {
        return create(file, "regression");
    }

    private static CsvOptions create(Path file, String type) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", file.toString());
        p.put("type", type);
        return new CsvOptions(p);
    }

    private CsvOptions with(String name, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new CsvOptions(p);
    }

    /** The label is the column with this header name. */
    public CsvOptions withLabelColumn(String name) {
        return with("label", name);
    }

    /** The label is column {@code number}, counting from 1. */
    public CsvOptions withLabelColumn(int number) {
        return with("label", (long) number);
    }

    /** The allowed class names, in class-index order; any other label is an error. */
    public CsvOptions withClasses(List<String> classes) {
        return with("classes", ImmutableList.copyOf(classes));
    }

    /** Whether the first non-blank line is a header of column names. */
    public CsvOptions withHeader(boolean header) {
        return with("header", header);
    }

    /** Validation rows come from this file (same columns) instead of a split of the training file. */
    public CsvOptions withValidationFile(Path file) {
        return with("validation_path", file.toString());
    }

    /** The test split (held out from the search) comes from this file (same columns). */
    public CsvOptions withTestFile(Path file) {
        return with("test_path", file.toString());
    }

    /** Hold out {@code fraction} of the training file's rows as the test split (before validation). */
    public CsvOptions withTestFraction(double fraction) {
        return with("test_fraction", fraction);
    }

    /** Scale each feature to zero mean and unit deviation, with moments of the training split. */
    public CsvOptions withStandardize(boolean standardize) {
        return with("standardize", standardize);
    }

    /** Hold out {@code fraction} of the rows for validation, chosen with {@code seed}. */
    public CsvOptions withValidationSplit(double fraction, long seed) {
        return with("validation_fraction", fraction).with("split_seed", seed);
    }

    Map<String, Object> params() {
        return params;
    }

    /** Reads the options back from checked task parameters. */
    static CsvOptions fromParams(Map<String, Object> checked) {
        return new CsvOptions(checked);
    }

    Path path() {
        return Path.of((String) params.get("path"));
    }

    @Nullable
    Path validationPath() {
        Object p = params.get("validation_path");
        return p == null ? null : Path.of((String) p);
    }

    @Nullable
    Path testPath() {
        Object p = params.get("test_path");
        return p == null ? null : Path.of((String) p);
    }

    double testFraction() {
        return ((Number) params.getOrDefault("test_fraction", 0.0)).doubleValue();
    }

    @Nullable
    Object label() {
        return params.get("label");
    }

    TaskType type() {
        return "regression".equals(params.get("type")) ? TaskType.REGRESSION : TaskType.CLASSIFICATION;
    }

    @SuppressWarnings("unchecked")
    List<String> classes() {
        Object c = params.get("classes");
        return c == null ? List.of() : (List<String>) c;
    }

    boolean header() {
        return !Boolean.FALSE.equals(params.get("header"));
    }

    boolean standardize() {
        return Boolean.TRUE.equals(params.get("standardize"));
    }

    double validationFraction() {
        return ((Number) params.getOrDefault("validation_fraction", 0.2)).doubleValue();
    }

    long splitSeed() {
        return ((Number) params.getOrDefault("split_seed", 0L)).longValue();
    }

    @Override
    public String toString() {
        return "CsvOptions" + params;
    }
}
