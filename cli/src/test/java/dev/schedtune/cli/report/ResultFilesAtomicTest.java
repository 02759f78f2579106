package dev.schedtune.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Result files under faults: a result file that is a symbolic link is not written through; a reader of
 * {@code pareto.json} while another process rewrites it, and a SIGKILL of that process, find the old or the
 * new file, never a part of one.
 */
class ResultFilesAtomicTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * Asserts that {@code left} is {@code a} or {@code b} whole. The hypervolume is compared apart: another
     * JVM may compute it a last bit differently.
     */
    private static void assertWhole(String left, String a, String b, String when) throws Exception {
        JsonNode tree;
        try {
            tree = JSON.readTree(left);
        } catch (JsonProcessingException e) {
            int at = differs(left, a);
            throw new AssertionError(when + ": pareto.json of " + left.length() + " characters is not whole JSON ("
                    + a.length() + " or " + b.length() + " expected); it differs from the first at " + at + ": "
                    + left.substring(Math.max(0, at - 80), Math.min(left.length(), at + 80)));
        }
        assertThat(tree.path("hypervolume").path("value").isNumber()).as(when).isTrue();
        assertThat(withoutHypervolume(tree))
                .as(when + ": pareto.json is neither file")
                .isIn(withoutHypervolume(JSON.readTree(a)), withoutHypervolume(JSON.readTree(b)));
    }

    private static JsonNode withoutHypervolume(JsonNode tree) {
        ((ObjectNode) tree.path("hypervolume")).remove("value");
        return tree;
    }

    private static int differs(String x, String y) {
        int i = 0;
        while (i < Math.min(x.length(), y.length()) && x.charAt(i) == y.charAt(i)) {
            i++;
        }
        return i;
    }

    @Test
    void symbolicLinksAmongTheResultFilesAreRefused() throws Exception {
        Path db = dir.resolve("study.db");
        try (Storage s = Storages.open(db.toString())) {
            SyntheticStudy.create(s, "linked", "family", "init_lr", "cyclic");
        }
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        for (String name : new String[] {"report.html", "pareto.json", "configs"}) {
            Path out = Files.createDirectories(dir.resolve("out-" + name));
            Path link = Files.createSymbolicLink(out.resolve(name), victim);
            Cli.Result r = Cli.run("report", "linked", "--storage", db.toString(), "--out", out.toString());
            assertThat(r.code()).as(name + ": " + r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(name).contains("symbolic link");
            assertThat(Files.readString(victim)).isEqualTo("precious\n");
            assertThat(Files.isSymbolicLink(link)).isTrue();
        }
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("report", "linked", "--storage", db.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var files = Files.list(out)) {
            // no temporary file is left beside the results
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.html", "pareto.json", "configs");
        }
    }

    @Test
    void aKillWhileWritingLeavesTheOldOrTheNewFile() throws Exception {
        Path expectA = dir.resolve("a");
        Path expectB = dir.resolve("b");
        String a = Files.readString(ResultFiles.writeParetoJson(ResultWriter.results(0), expectA, "storage", Map.of()));
        String b = Files.readString(ResultFiles.writeParetoJson(ResultWriter.results(1), expectB, "storage", Map.of()));
        for (int round = 0; round < 3; round++) {
            Path folder = dir.resolve("round" + round);
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            ResultWriter.class.getName(),
                            folder.toString())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("WRITING");
            // read it whole, again and again, while it is rewritten (the old way of writing showed a reader a
            // truncated file at once)
            Path file = folder.resolve("pareto.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            int reads = 0;
            while (System.nanoTime() < deadline) {
                assertWhole(Files.readString(file), a, b, "round " + round + ", read " + ++reads);
            }
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertWhole(Files.readString(file), a, b, "round " + round + ", after SIGKILL");
        }
    }
}
