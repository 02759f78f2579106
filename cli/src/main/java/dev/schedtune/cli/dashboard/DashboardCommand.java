package dev.schedtune.cli.dashboard;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.study.StoredStudy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schedtune dashboard}: watch the studies of a storage live in a browser. */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a live, read-only view of the studies in a storage in a browser.",
            "The list of studies is at /, and each study is shown as its report shows it, following the",
            "trials as they finish (also studies",
            "made by Optuna, or on other machines through PostgreSQL). Nothing is ever written to the",
            "storage, and no password reaches the pages. Stop it with Ctrl-C."
        },
        footer = {
            "",
            "It listens on 127.0.0.1 (this machine only) unless --host says otherwise.",
            "",
            "Examples:",
            "  schedtune dashboard",
            "  schedtune dashboard --storage runs/study.db --port 8081",
            "  SCHEDTUNE_STORAGE=postgresql://tuner:pw@db/tuning schedtune dashboard",
            "  schedtune dashboard --storage sqlite:///runs/study.db --host 0.0.0.0"
        })
public final class DashboardCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--storage",
            paramLabel = "URL|FILE",
            defaultValue = "${env:SCHEDTUNE_STORAGE}",
            description = "A SQLite file or storage URL (default: $SCHEDTUNE_STORAGE, else "
                    + StoredStudy.DEFAULT_STORAGE + ").")
    @Nullable
    String storage;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The port to listen on (default: 8080; 0: any free port).")
    int port = 8080;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "The address to listen on (default: 127.0.0.1; 0.0.0.0: every interface, which lets"
                    + " anyone who can reach the port see the studies).")
    String host = "127.0.0.1";

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port (" + port + ") must be in [0, 65535] (0: any free port)");
        }
        InetAddress address = address(host);
        String url = StoredStudy.storageUrl(storage == null || storage.isBlank() ? null : storage);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(url, new InetSocketAddress(address, port), err);
        } catch (IOException e) {
            throw listenError(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        if (!address.isLoopbackAddress()) {
            err.println("warning: listening on " + host + ": anyone who can reach port " + dashboard.port()
                    + " of this machine sees the studies in " + Redaction.shown(url)
                    + " (read-only, without passwords); use --host 127.0.0.1 to keep them to this machine");
            err.flush();
        }
        out.println("schedtune dashboard: the studies in " + Redaction.shown(url) + ", read-only");
        out.println("  " + dashboard.url());
        out.println("Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static InetAddress address(String host) {
        String h = host.trim();
        if (h.isEmpty()) {
            throw new UserError("--host must not be empty: give an address of this machine, such as 127.0.0.1"
                    + " (the default), ::1, or 0.0.0.0 (every interface)");
        }
        try {
            return InetAddress.getByName(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
        } catch (UnknownHostException e) {
            throw new UserError("--host (" + host + ") is not an address or a known host name: give an address of"
                    + " this machine, such as 127.0.0.1 (the default), ::1, or 0.0.0.0 (every interface)");
        }
    }

    private UserError listenError(IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = why.toLowerCase(java.util.Locale.ROOT);
        if (e instanceof BindException && lower.contains("in use")) {
            return new UserError(
                    "--port (" + port + ") is in use on " + host
                            + ": choose another port with --port, or --port 0 for any free one",
                    e);
        }
        if (lower.contains("permission denied")) {
            return new UserError(
                    "--port (" + port + "): permission denied on " + host
                            + " (ports below 1024 need root); choose a port above 1023",
                    e);
        }
        if (e instanceof BindException || e instanceof SocketException) {
            return new UserError(
                    "--host (" + host + "): cannot listen there (" + why
                            + "); give an address of this machine, such as 127.0.0.1 or 0.0.0.0",
                    e);
        }
        return new UserError("cannot listen on " + host + ":" + port + ": " + why, e);
    }
}
