package dev.schedtune.cli.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.cli.tune.TinyStudy;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.TrialState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The container image of the {@code image} profile ({@code cli/target/jib-image.tar}): its config as a
 * container runtime reads it, what its layers hold, and, when the test runs as root, the image itself
 * unpacked and run in a chroot as its non-root user: {@code --version}, a curve, and a two-trial study
 * whose worker processes train with DJL's PyTorch library from the image's read-only engine cache.
 */
@EnabledIfSystemProperty(
        named = "schedtune.image.tar",
        matches = ".+",
        disabledReason = "builds with the image profile only: mvn -B -pl cli -am verify -Pimage")
class ImageIT {
    private static final String APP = "opt/schedtune/";
    private static final int UID = 10001;
    private static final Path WORK = Path.of("target", "image-it").toAbsolutePath();

    /** One entry of a layer as {@code tar -tv --numeric-owner} lists it. */
    record Entry(String mode, String owner, String path) {}

    record Run(int code, String out, String err) {}

    static JsonNode manifest;
    static JsonNode config;
    /** Every layer's entries, base layer first; a later layer's entry replaces an earlier one. */
    static final Map<String, Entry> files = new LinkedHashMap<>();

    static final List<Path> layers = new ArrayList<>();

    @BeforeAll
    static void readTheTarball() throws Exception {
        Path tar = Path.of(System.getProperty("schedtune.image.tar"));
        assertThat(tar).isRegularFile();
        Path archive = WORK.resolve("archive");
        rm(WORK);
        Files.createDirectories(archive);
        sh(List.of("tar", "-xf", tar.toString(), "-C", archive.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode manifests = json.readTree(archive.resolve("manifest.json").toFile());
        assertThat(manifests).hasSize(1);
        manifest = manifests.get(0);
        config = json.readTree(archive.resolve(manifest.get("Config").asText()).toFile());
        for (JsonNode layer : manifest.get("Layers")) {
            Path file = archive.resolve(layer.asText());
            layers.add(file);
            for (String line : sh(List.of(
                            "tar", "-tv", "--numeric-owner", "--warning=no-unknown-keyword", "-f", file.toString()))
                    .lines()
                    .toList()) {
                // -rwxr-xr-x 0/0   742 1970-01-01 00:00 ./opt/schedtune/schedtune
                String[] f = line.split("\\s+", 6);
                String path = f[5].replaceFirst(" -> .*", "")
                        .replaceFirst("^\\./", "")
                        .replaceFirst("^/", "");
                files.put(path, new Entry(f[0], f[1], path));
            }
        }
    }

    @AfterAll
    static void removeTheUnpackedImage() throws Exception {
        rm(WORK);
    }

    @Test
    void theConfigRunsTheLauncherAsANonRootUser() {
        JsonNode c = config.get("config");
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo(System.getProperty("schedtune.image.name"));
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("architecture").asText()).isEqualTo("amd64");
        assertThat(texts(c.get("Entrypoint"))).containsExactly("/" + APP + "schedtune");
        assertThat(texts(c.get("Cmd"))).containsExactly("--help");
        String user = c.get("User").asText();
        assertThat(user).isEqualTo(UID + ":" + UID);
        assertThat(Integer.parseInt(user.split(":")[0])).isNotZero();
        assertThat(c.get("WorkingDir").asText()).isEqualTo("/home/schedtune");
        assertThat(texts(c.get("Env")))
                .contains(
                        "HOME=/home/schedtune",
                        "DJL_OFFLINE=true",
                        "ENGINE_CACHE_DIR=/opt/schedtune/djl",
                        "DJL_CACHE_DIR=/home/schedtune/.djl.ai",
                        "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64")
                .anyMatch(e -> e.startsWith("PATH=") && e.contains("/usr/bin"));
    }

    @Test
    void theLayersHoldTheCliItsLauncherJavaAndThePyTorchLibrary() {
        assertThat(files.keySet())
                .anyMatch(p -> p.matches(APP + "classpath/schedtune-cli-[^/]+\\.jar"))
                .anyMatch(p -> p.matches(APP + "libs/schedtune-trainers-[^/]+\\.jar"))
                .anyMatch(p -> p.matches(APP + "libs/pytorch-engine-[^/]+\\.jar"))
                .contains(APP + "jib-classpath-file", APP + "jib-main-class-file")
                .contains("usr/lib/jvm/java-17-openjdk-amd64/bin/java")
                .contains("usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
                .noneMatch(p -> p.contains(".wh.")); // no whiteouts: plain extraction below is exact
        Entry launcher = files.get(APP + "schedtune");
        assertThat(launcher.mode()).isEqualTo("-rwxr-xr-x");
        assertThat(launcher.owner()).isEqualTo("0/0");
        String libtorch = APP + "djl/pytorch/" + System.getProperty("schedtune.image.libtorch") + "/";
        assertThat(files.keySet())
                .contains(
                        libtorch + "libtorch.so",
                        libtorch + "libtorch_cpu.so",
                        libtorch + "libc10.so",
                        libtorch + "0.36.0-libdjl_torch.so")
                .anyMatch(p -> p.startsWith(libtorch + "libgomp"));
        // the engine cache is root's (read-only for the user); the user's home is the user's
        assertThat(files.get(libtorch + "libtorch_cpu.so").owner()).isEqualTo("0/0");
        assertThat(files.get("home/schedtune/").owner()).startsWith(UID + "/");
        assertThat(files.get("home/schedtune/.djl.ai/").owner()).startsWith(UID + "/");
    }

    @Test
    void runsAsItsUserInAChroot() throws Exception {
        assumeTrue(
                "0".equals(sh(List.of("id", "-u")).strip()),
                "running the image in a chroot needs root (as a container runtime does): skipped");
        Path root = WORK.resolve("root");
        Files.createDirectories(root);
        for (Path layer : layers) {
            sh(List.of(
                    "tar",
                    "-xpf",
                    layer.toString(),
                    "--numeric-owner",
                    "--warning=no-unknown-keyword",
                    "-C",
                    root.toString()));
        }

        Run version = run(root, "--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("schedtune 0.");

        Files.copy(Path.of("..", "examples", "configs", "onecycle.yaml"), root.resolve("home/schedtune/onecycle.yaml"));
        Run curve = run(root, "curve", "--config", "onecycle.yaml", "--steps", "4");
        assertThat(curve.code()).as(curve.err()).isZero();
        assertThat(curve.out()).startsWith("step,lr,momentum\n0,0.004,0.95\n");
        assertThat(curve.out().lines()).hasSize(5);

        // two trials in two worker processes: DJL loads libtorch from the engine cache, offline
        Files.writeString(root.resolve("home/schedtune/tiny.yaml"), TinyStudy.yaml("image", 2, 2, ""));
        Run tune = run(root, "tune", "--config", "tiny.yaml", "--out", "out");
        assertThat(tune.code()).as(tune.out() + tune.err()).isZero();
        Path db = root.resolve("home/schedtune/out/study.db");
        assertThat(Files.getAttribute(db, "unix:uid")).isEqualTo(UID);
        try (Storage storage = Storages.open(db.toString())) {
            var study = storage.findStudy("image").orElseThrow();
            assertThat(storage.trials(study.studyId())).hasSize(2).allMatch(t -> t.state() == TrialState.COMPLETE);
        }
        // nothing unpacked into the writable cache: the image's own copy of libtorch was used
        try (var left = Files.list(root.resolve("home/schedtune/.djl.ai"))) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("pytorch");
        }
    }

    /**
     * The image's entrypoint with {@code args}, as a runtime runs it: in the unpacked root, as the image's
     * user, in its working directory, with its environment only; /dev and a fresh /proc mounted in a
     * private mount namespace, which ends with the command.
     */
    private static Run run(Path root, String... args) throws Exception {
        JsonNode c = config.get("config");
        List<String> cmd = new ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "sh",
                "-c",
                "mount --bind /dev \"$0/dev\" && mount -t proc proc \"$0/proc\" && exec chroot \"$@\"",
                root.toString(),
                "--userspec=" + c.get("User").asText(),
                root.toString(),
                "/usr/bin/env",
                "-i",
                "-C",
                c.get("WorkingDir").asText()));
        cmd.addAll(texts(c.get("Env")));
        cmd.addAll(texts(c.get("Entrypoint")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES))
                .as("%s within 10 minutes", List.of(args))
                .isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static void rm(Path dir) throws Exception {
        sh(List.of("rm", "-rf", "--one-file-system", dir.toString()));
    }

    /** Runs a host command and returns its output; fails the test with its errors if it fails. */
    private static String sh(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", cmd, err).isZero();
        return out;
    }
}
