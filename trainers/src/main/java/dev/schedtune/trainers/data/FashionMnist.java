package dev.schedtune.trainers.data;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * Zalando's Fashion-MNIST (MIT licence): 60,000 training and 10,000 test images of 28×28 grey pixels in
 * 10 classes, read from the four standard IDX files (plain or gzipped). The task's training and
 * validation splits come from a stratified, seeded subset of the training images; the official t10k
 * images are its test split, which a study never searches on.
 *
 * <p>Where the files are: the task's {@code path}, else {@code $SCHEDTUNE_DATA/fashion-mnist}, else the
 * folder where Debian's package {@code dataset-fashion-mnist} installs them.
 */
final class FashionMnist {
    /** Where Debian's dataset-fashion-mnist puts the files ({@code dpkg -L dataset-fashion-mnist}). */
    static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");

    static final String DATA_ENV = "SCHEDTUNE_DATA";
    static final int SIDE = 28;
    static final int CLASSES = 10;
    static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
    };

    /** Decoded files by path, size and modification time: repeats and new splits do not re-read them. */
    private static final Cache<List<Object>, IdxFile> FILE_CACHE =
            CacheBuilder.newBuilder().maximumSize(4).softValues().build();

    private FashionMnist() {}

    /** The folder the task reads: {@code path} if given, else the environment's or Debian's. */
    static Path folder(@Nullable Object path) {
        if (path instanceof String && !((String) path).isBlank()) {
            return Path.of((String) path);
        }
        String env = System.getenv(DATA_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env, "fashion-mnist");
        }
        return DEBIAN_FOLDER;
    }

    /** Builds the task of {@code spec}'s parameters (see {@link TaskSpec}). */
    static Task load(String name, Map<String, Object> p) {
        Path folder = folder(p.get("path"));
        Path[] files = locate(folder);
        IdxFile trainImages = cached(files[0], 3, "images");
        IdxFile trainLabels = cached(files[1], 1, "labels");
        IdxFile testImages = cached(files[2], 3, "images");
        IdxFile testLabels = cached(files[3], 1, "labels");
        checkPair(files[0], trainImages, files[1], trainLabels);
        checkPair(files[2], testImages, files[3], testLabels);

        int trainSubset = Math.toIntExact((Long) p.get("train_subset"));
        int testSubset = Math.toIntExact((Long) p.get("test_subset"));
        if (trainSubset > trainImages.count()) {
            throw new IllegalArgumentException("task fashion_mnist parameter 'train_subset' (" + trainSubset
                    + ") must be <= the " + trainImages.count() + " training images in " + folder);
        }
        if (testSubset > testImages.count()) {
            throw new IllegalArgumentException("task fashion_mnist parameter 'test_subset' (" + testSubset
                    + ") must be <= the " + testImages.count() + " test images in " + folder);
        }
        long subsetSeed = (Long) p.get("subset_seed");
        int[] trainRows = stratified(trainLabels, trainSubset, new SplittableRandom(subsetSeed));
        // the test subset is drawn with its own stream, so it does not move when train_subset changes
        int[] testRows = stratified(testLabels, testSubset, new SplittableRandom(subsetSeed ^ 0x7E57L));
        Dataset train = dataset(trainImages, trainLabels, trainRows);
        Dataset test = dataset(testImages, testLabels, testRows);
        Dataset[] parts = Splits.split(train, (Double) p.get("validation_fraction"), (Long) p.get("split_seed"));
        return Task.of(name, parts[0], parts[1], CLASS_NAMES, List.of(1L, (long) SIDE, (long) SIDE))
                .withTest(test);
    }

    /** The four files in {@code folder} (each plain or .gz), or one error naming all that are missing. */
    static Path[] locate(Path folder) {
        Path[] found = new Path[FILES.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < FILES.length; i++) {
            Path gz = folder.resolve(FILES[i] + ".gz");
            Path plain = folder.resolve(FILES[i]);
            found[i] = Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
            if (found[i] == null) {
                missing.add(FILES[i] + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new TaskDataException(
                    folder,
                    "the Fashion-MNIST files " + String.join(", ", missing) + " are missing"
                            + (Files.isDirectory(folder) ? "" : " (the folder does not exist)")
                            + "; install them with 'sudo apt-get install dataset-fashion-mnist' (they go to "
                            + DEBIAN_FOLDER + "), or give the folder that holds them as the task's 'path' or as $"
                            + DATA_ENV + "/fashion-mnist",
                    null);
        }
        return found;
    }

    private static IdxFile cached(Path file, int dimensions, String what) {
        List<Object> key;
        try {
            key = List.of(
                    file.toAbsolutePath().toString(),
                    Files.size(file),
                    Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            throw new TaskDataException(file, "cannot be read: " + e, e);
        }
        try {
            return FILE_CACHE.get(key, () -> IdxFile.read(file, dimensions, what));
        } catch (ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new TaskDataException(file, "cannot be read: " + e.getCause(), e.getCause());
        }
    }

    /** Images must be 28×28 and as many as the labels, and every label a class in 0..9. */
    private static void checkPair(Path imagesFile, IdxFile images, Path labelsFile, IdxFile labels) {
        int[] d = images.dimensions();
        if (d[1] != SIDE || d[2] != SIDE) {
            throw new TaskDataException(
                    imagesFile, "holds images of " + d[1] + "x" + d[2] + " pixels; Fashion-MNIST's are 28x28", null);
        }
        if (labels.count() != images.count()) {
            throw new TaskDataException(
                    labelsFile,
                    "holds " + labels.count() + " labels but " + imagesFile.getFileName() + " holds " + images.count()
                            + " images; the counts must be equal",
                    null);
        }
        for (int i = 0; i < labels.count(); i++) {
            if (labels.unsigned(i) >= CLASSES) {
                throw new TaskDataException(
                        labelsFile,
                        "label " + (i + 1) + " is " + labels.unsigned(i) + "; labels must be classes 0 to 9",
                        null);
            }
        }
    }

    /**
     * {@code n} of the labelled items, stratified (each class's share kept, remainders to the classes with
     * the largest fractional share), chosen at random with {@code random}, in file order.
     */
    static int[] stratified(IdxFile labels, int n, SplittableRandom random) {
        int total = labels.count();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < total; i++) {
            byClass.get(labels.unsigned(i)).add(i);
        }
        int[] take = new int[CLASSES];
        double[] remainder = new double[CLASSES];
        int taken = 0;
        for (int c = 0; c < CLASSES; c++) {
            double exact = (double) n * byClass.get(c).size() / total;
            take[c] = (int) Math.floor(exact);
            remainder[c] = exact - take[c];
            taken += take[c];
        }
        while (taken < n) {
            int best = -1;
            for (int c = 0; c < CLASSES; c++) {
                if (take[c] < byClass.get(c).size() && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            take[best]++;
            remainder[best] = -1;
            taken++;
        }
        boolean[] chosen = new boolean[total];
        for (int c = 0; c < CLASSES; c++) {
            int[] rows = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            Splits.shuffle(rows, random);
            for (int i = 0; i < take[c]; i++) {
                chosen[rows[i]] = true;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < total; i++) {
            if (chosen[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Pixels scaled to [0, 1], as torchvision's ToTensor does. */
    private static Dataset dataset(IdxFile images, IdxFile labels, int[] rows) {
        int pixels = images.itemSize();
        float[] features = new float[rows.length * pixels];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int base = rows[i] * pixels;
            for (int j = 0; j < pixels; j++) {
                features[i * pixels + j] = images.unsigned(base + j) / 255f;
            }
            y[i] = labels.unsigned(rows[i]);
        }
        return Dataset.classification(features, pixels, y, CLASSES);
    }
}
