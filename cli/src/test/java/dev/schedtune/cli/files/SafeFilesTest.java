package dev.schedtune.cli.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure while a file is replaced leaves the old one; the CLI's exports never write through a link. */
class SafeFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Path file = Files.writeString(dir.resolve("curve.csv"), "step,lr\n0,0.1\n");
        assertThatThrownBy(() -> SafeFiles.write(file, out -> {
                    out.write("step,lr\n0,0.2\n1,".getBytes());
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("step,lr\n0,0.1\n");
        assertThat(names()).containsExactly("curve.csv");
    }

    @Test
    void aFolderIsReplacedAsAWholeKeepingOtherFiles() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Files.writeString(configs.resolve("trial-1.yaml"), "old 1");
        Files.writeString(configs.resolve("notes.txt"), "mine");
        SafeFiles.replaceFolder(configs, Map.of("trial-2.yaml", "new 2"), n -> n.matches("trial-\\d+\\.yaml"));
        try (var files = Files.list(configs)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("trial-2.yaml", "notes.txt");
        }
        assertThat(Files.readString(configs.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(names()).as("no leftover beside the folder").containsExactly("configs");
    }

    @Test
    void exportsRefuseASymbolicLinkWithExitCode2() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "type: constant\nvalue: 0.1\n");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Path link = Files.createSymbolicLink(dir.resolve("curve.csv"), victim);
        Cli.Result r = Cli.run("curve", "--config", config.toString(), "--steps", "10", "--out", link.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("curve.csv").contains("symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious\n");

        Path real = dir.resolve("real.csv");
        r = Cli.run("curve", "--config", config.toString(), "--steps", "10", "--out", real.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(real)).hasSize(11);
    }
}
