package dev.schedtune.trainers.data;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;

/** Builds tasks from specs, keeping the last few in a small cache. */
final class TaskLoader {
    private static final String DIGITS_RESOURCE = "digits.csv.gz";
    private static final int DIGITS_FEATURES = 64;
    private static final float DIGITS_MAX_PIXEL = 16f;

    /** Key: the spec plus, for files, their size and modification time (so edited files are re-read). */
    private static final Cache<List<Object>, Task> CACHE =
            CacheBuilder.newBuilder().maximumSize(8).build();

    private TaskLoader() {}

    static Task load(TaskSpec spec) {
        List<Object> key = new ArrayList<>();
        key.add(spec);
        if (spec.kind().equals(TaskSpec.CSV)) {
            key.add(fileStamp(spec.params().get("path")));
            key.add(fileStamp(spec.params().get("validation_path")));
            key.add(fileStamp(spec.params().get("test_path")));
        }
        if (spec.kind().equals(TaskSpec.FASHION_MNIST)) {
            // the default folder depends on the environment, so the key holds the folder read
            key.add(FashionMnist.folder(spec.params().get("path"))
                    .toAbsolutePath()
                    .toString());
        }
        try {
            return CACHE.get(List.copyOf(key), () -> build(spec));
        } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("cannot load task " + spec, cause);
        }
    }

    private static String fileStamp(Object path) {
        if (path == null) {
            return "-";
        }
        Path p = Path.of((String) path);
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    private static Task build(TaskSpec spec) {
        Map<String, Object> p = spec.params();
        double fraction = (Double) p.get("validation_fraction");
        long splitSeed = (Long) p.get("split_seed");
        double testFraction = p.get("test_fraction") instanceof Double ? (Double) p.get("test_fraction") : 0;
        String name = spec.toString();
        switch (spec.kind()) {
            case TaskSpec.DIGITS:
                return split(name, digits(), testFraction, fraction, splitSeed, List.of(1L, 8L, 8L));
            case TaskSpec.FASHION_MNIST:
                return FashionMnist.load(name, p);
            case TaskSpec.TWO_SPIRALS:
                return split(
                        name,
                        SyntheticTasks.twoSpirals(
                                intParam(p, "samples"), (Double) p.get("noise"), (Long) p.get("seed")),
                        testFraction,
                        fraction,
                        splitSeed,
                        List.of(2L));
            case TaskSpec.BLOBS:
                return split(
                        name,
                        SyntheticTasks.blobs(
                                intParam(p, "samples"),
                                intParam(p, "features"),
                                intParam(p, "centers"),
                                (Double) p.get("spread"),
                                (Long) p.get("seed")),
                        testFraction,
                        fraction,
                        splitSeed,
                        List.of((long) intParam(p, "features")));
            case TaskSpec.TEACHER_STUDENT:
                return split(
                        name,
                        SyntheticTasks.teacherStudent(
                                intParam(p, "samples"),
                                intParam(p, "features"),
                                intParam(p, "outputs"),
                                intParam(p, "hidden"),
                                (Double) p.get("noise"),
                                (Long) p.get("seed")),
                        testFraction,
                        fraction,
                        splitSeed,
                        List.of((long) intParam(p, "features")));
            case TaskSpec.CSV:
                return new CsvTaskReader(CsvOptions.fromParams(p)).read(name);
            default:
                throw new IllegalArgumentException("task kind '" + spec.kind() + "' is unknown");
        }
    }

    private static int intParam(Map<String, Object> p, String name) {
        return Math.toIntExact((Long) p.get(name));
    }

    /**
     * The seed of every test split: fixed, so that repeats drawing other validation splits ({@code
     * split_seed}) never move a test row into training.
     */
    static final long TEST_SPLIT_SEED = 0x7E57_5EEDL;

    private static Task split(
            String name, Dataset all, double testFraction, double fraction, long seed, List<Long> featureShape) {
        Dataset rest = all;
        Dataset test = null;
        if (testFraction > 0) {
            Dataset[] held = Splits.split(all, testFraction, TEST_SPLIT_SEED);
            rest = held[0];
            test = held[1];
        }
        Dataset[] parts = Splits.split(rest, fraction, seed);
        Task task = Task.of(name, parts[0], parts[1], List.of(), featureShape);
        return test == null ? task : task.withTest(test);
    }

    /** The vendored digits: 64 pixel counts in 0..16 (scaled to [0, 1]) then the digit, per line. */
    static Dataset digits() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = TaskLoader.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("resource " + DIGITS_RESOURCE + " is missing from the trainers jar");
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                float[] row = new float[DIGITS_FEATURES];
                for (int i = 0; i < DIGITS_FEATURES; i++) {
                    row[i] = Float.parseFloat(fields[i]) / DIGITS_MAX_PIXEL;
                }
                rows.add(row);
                labels.add((int) Float.parseFloat(fields[DIGITS_FEATURES]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIGITS_RESOURCE, e);
        }
        float[] features = new float[rows.size() * DIGITS_FEATURES];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * DIGITS_FEATURES, DIGITS_FEATURES);
            y[i] = labels.get(i);
        }
        return Dataset.classification(features, DIGITS_FEATURES, y, 10);
    }
}
