package dev.schedtune.trainers.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fashion-MNIST task on small IDX fixtures made here, every broken file a clear error, and the real files. */
class FashionMnistTest {
    @TempDir
    Path dir;

    /** An IDX file: magic (0x0000_08_dims), sizes, data. */
    private static byte[] idx(int magic, int[] sizes, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int s : sizes) {
                out.writeInt(s);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] images(int n, int side, int seed) {
        byte[] data = new byte[n * side * side];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i * 31 + seed * 7) % 256);
        }
        return data;
    }

    private static byte[] labels(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 10);
        }
        return data;
    }

    private void write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(gzip ? name + ".gz" : name);
        try (OutputStream out =
                gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    /** 200 training and 50 test images of 28x28, classes 0..9 in turn; gzipped or plain. */
    private void fixture(boolean gzip) throws IOException {
        write("train-images-idx3-ubyte", idx(0x803, new int[] {200, 28, 28}, images(200, 28, 1)), gzip);
        write("train-labels-idx1-ubyte", idx(0x801, new int[] {200}, labels(200)), gzip);
        write("t10k-images-idx3-ubyte", idx(0x803, new int[] {50, 28, 28}, images(50, 28, 2)), gzip);
        write("t10k-labels-idx1-ubyte", idx(0x801, new int[] {50}, labels(50)), gzip);
    }

    private Task load(Object... extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("path", dir.toString());
        for (int i = 0; i < extra.length; i += 2) {
            p.put((String) extra[i], extra[i + 1]);
        }
        return TaskSpec.of(TaskSpec.FASHION_MNIST, p).load();
    }

    @Test
    void readsGzippedAndPlainFilesIntoTrainValidationAndTestSplits() throws IOException {
        fixture(true);
        Task task = load("train_subset", 100, "test_subset", 20, "validation_fraction", 0.2);
        assertThat(task.train().size()).isEqualTo(80);
        assertThat(task.validation().size()).isEqualTo(20);
        assertThat(task.test().orElseThrow().size()).isEqualTo(20);
        assertThat(task.featureShape()).containsExactly(1L, 28L, 28L);
        assertThat(task.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        // stratified: 10 per class in the subset, 2 per class in validation and in the test subset
        int[] perClass = new int[10];
        for (int i = 0; i < task.validation().size(); i++) {
            perClass[task.validation().label(i)]++;
        }
        assertThat(perClass).containsOnly(2);
        int[] testPerClass = new int[10];
        for (int i = 0; i < 20; i++) {
            testPerClass[task.test().orElseThrow().label(i)]++;
        }
        assertThat(testPerClass).containsOnly(2);
        // pixels scaled by 1/255: row 0 of the file is bytes 0, 31, 62, ... (+7)
        float max = 0;
        for (int i = 0; i < task.train().size(); i++) {
            for (int j = 0; j < 784; j++) {
                max = Math.max(max, task.train().feature(i, j));
            }
        }
        assertThat(max).isLessThanOrEqualTo(1f).isGreaterThan(0.9f);

        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        for (String f : new String[] {
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
        }) {
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve(f + ".gz")))) {
                Files.write(plain.resolve(f), in.readAllBytes());
            }
        }
        Task fromPlain = TaskSpec.of(
                        TaskSpec.FASHION_MNIST,
                        Map.of("path", plain.toString(), "train_subset", 100, "test_subset", 20))
                .load();
        assertThat(fromPlain.train()).isEqualTo(task.train());
        assertThat(fromPlain.test()).isEqualTo(task.test());
    }

    @Test
    void theSubsetIsSeededAndTheTestSplitDoesNotMoveWithIt() throws IOException {
        fixture(false);
        Task a = load("train_subset", 100, "test_subset", 30);
        Task b = load("train_subset", 100, "test_subset", 30);
        Task c = load("train_subset", 100, "test_subset", 30, "subset_seed", 1);
        Task d = load("train_subset", 150, "test_subset", 30);
        assertThat(b.train()).isEqualTo(a.train());
        assertThat(c.train()).isNotEqualTo(a.train());
        assertThat(d.test()).isEqualTo(a.test());
        Task other = load("train_subset", 100, "test_subset", 30, "split_seed", 3);
        assertThat(other.validation()).isNotEqualTo(a.validation());
        assertThat(other.test()).isEqualTo(a.test());
    }

    @Test
    void missingFilesNameTheFolderTheFilesAndTheInstallCommand() throws IOException {
        write("train-images-idx3-ubyte", idx(0x803, new int[] {200, 28, 28}, images(200, 28, 1)), true);
        assertThatThrownBy(() -> load())
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("train-labels-idx1-ubyte[.gz]")
                .hasMessageContaining("t10k-images-idx3-ubyte[.gz]")
                .hasMessageContaining("t10k-labels-idx1-ubyte[.gz]")
                .hasMessageNotContaining("train-images")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
        assertThatThrownBy(() -> TaskSpec.of(
                                TaskSpec.FASHION_MNIST,
                                Map.of("path", dir.resolve("nope").toString()))
                        .load())
                .hasMessageContaining("the folder does not exist");
    }

    @Test
    void aWrongMagicNumberIsNamed() throws IOException {
        fixture(true);
        write("t10k-labels-idx1-ubyte", idx(0x803, new int[] {50, 1, 1}, labels(50)), true);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("3-dimensional data (magic 0x00000803)")
                .hasMessageContaining("labels must have 1 dimension");
        write("t10k-labels-idx1-ubyte", idx(0x0D01, new int[] {50}, labels(50)), true);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .hasMessageContaining("not an IDX file of unsigned bytes: magic number 0x00000D01");
        write("t10k-labels-idx1-ubyte", "hello, world".getBytes(), true);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20)).hasMessageContaining("not an IDX file");
    }

    @Test
    void wrongDimensionsAndCountsAreNamed() throws IOException {
        fixture(true);
        write("train-images-idx3-ubyte", idx(0x803, new int[] {200, 32, 32}, images(200, 32, 1)), true);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("images of 32x32 pixels; Fashion-MNIST's are 28x28");
        fixture(true);
        write("train-labels-idx1-ubyte", idx(0x801, new int[] {199}, labels(199)), true);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .hasMessageContaining("holds 199 labels but train-images-idx3-ubyte.gz holds 200 images");
        fixture(true);
        byte[] bad = labels(50);
        bad[7] = 12;
        write("t10k-labels-idx1-ubyte", idx(0x801, new int[] {50}, bad), true);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .hasMessageContaining("label 8 is 12; labels must be classes 0 to 9");
        fixture(true);
        assertThatThrownBy(() -> load("train_subset", 500, "test_subset", 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'train_subset' (500) must be <= the 200 training images in " + dir);
        assertThatThrownBy(() -> load("train_subset", 50))
                .hasMessageContaining("'train_subset' (50) must be in [100, 60000]");
    }

    @Test
    void truncatedFilesAreNamedNotThrownAsStackTraces() throws IOException {
        fixture(false);
        byte[] full = idx(0x803, new int[] {50, 28, 28}, images(50, 28, 2));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 100));
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte: is truncated")
                .hasMessageContaining("[50, 28, 28]");
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(full, 6));
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .hasMessageContaining("ends inside its header");

        // a short gzip: the compressed stream cut in the middle
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        write("t10k-images-idx3-ubyte", full, true);
        Path gz = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] zipped = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(zipped, zipped.length / 2));
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz")
                .hasMessageContaining("truncated");
        Files.write(gz, new byte[0]);
        assertThatThrownBy(() -> load("train_subset", 100, "test_subset", 20))
                .isInstanceOf(TaskDataException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz");
    }

    @Test
    void theRealFilesOfDebiansPackage() {
        assertThat(FashionMnist.DEBIAN_FOLDER.resolve("t10k-images-idx3-ubyte.gz"))
                .as("Debian's dataset-fashion-mnist (installed by .ci/install-test-anchors)")
                .isRegularFile();
        Task task = TaskSpec.fashionMnist(1000).load();
        assertThat(task.train().size()).isEqualTo(800);
        assertThat(task.validation().size()).isEqualTo(200);
        assertThat(task.test().orElseThrow().size()).isEqualTo(10_000);
        int[] perClass = new int[10];
        Dataset test = task.test().orElseThrow();
        for (int i = 0; i < test.size(); i++) {
            perClass[test.label(i)]++;
        }
        assertThat(perClass).containsOnly(1000); // the official test set: 1,000 images per class
    }
}
