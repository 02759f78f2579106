package dev.schedtune.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.Cli;
import dev.schedtune.search.Storages;
import dev.schedtune.search.storage.Storage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedtune dashboard} with bad options: exit code 2 and a message naming the option and value. */
class DashboardCommandTest {
    @TempDir
    Path dir;

    private Path study() {
        Path db = dir.resolve("study.db");
        if (!Files.exists(db)) {
            try (Storage s = Storages.sqlite(db)) {
                dev.schedtune.search.Study.builder("s").storage(s).create();
            }
        }
        return db;
    }

    @Test
    void badPortsAndHostsAreRefusedWithExitCode2() throws Exception {
        String db = study().toString();
        assertRefused(List.of("--storage", db, "--port", "70000"), "--port (70000) must be in [0, 65535]");
        assertRefused(List.of("--storage", db, "--port", "-1"), "--port (-1) must be in [0, 65535]");
        assertRefused(List.of("--storage", db, "--port", "http"), "'http' is not an int");
        assertRefused(
                List.of("--storage", db, "--host", "no-such-host.invalid"),
                "--host (no-such-host.invalid) is not an address or a known host name");
        assertRefused(List.of("--storage", db, "--host", " "), "--host must not be empty");
        // an address of no interface of this machine (TEST-NET-3)
        assertRefused(
                List.of("--storage", db, "--host", "203.0.113.7", "--port", "0"),
                "--host (203.0.113.7): cannot listen there");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertRefused(
                    List.of("--storage", db, "--port", Integer.toString(port)),
                    "--port (" + port + ") is in use on 127.0.0.1: choose another port with --port, or --port 0");
        }
    }

    @Test
    void storagesThatCannotBeReadAreRefusedWithoutPasswords() {
        assertRefused(
                List.of("--storage", dir.resolve("missing.db").toString()),
                "storage (" + dir.resolve("missing.db") + "): no such file");
        assertThat(dir.resolve("missing.db")).doesNotExist();
        assertRefused(List.of("--storage", "memory"), "nothing to read");
        Cli.Result r = Cli.run(
                "dashboard", "--storage", "postgresql://tuner:hunter2-secret@127.0.0.1:1/tuning", "--port", "0");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: storage (postgresql://tuner:***@127.0.0.1:1/tuning) cannot be opened")
                .doesNotContain("hunter2");
    }

    @Test
    void helpListsTheCommandWithExamples() {
        Cli.Result top = Cli.run("--help");
        assertThat(top.out()).contains("dashboard");
        Cli.Result help = Cli.run("dashboard", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains("--storage=URL|FILE", "--port=N", "--host=ADDRESS", "Examples:", "schedtune dashboard");
    }

    private static void assertRefused(List<String> args, String message) {
        String[] all = new String[args.size() + 1];
        all[0] = "dashboard";
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        Cli.Result r = Cli.run(all);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
