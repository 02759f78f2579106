package dev.schedtune.cli.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running dashboard: the HTTP server and the watcher that reads the storage for it. {@link #start} opens
 * the storage (read-only) and starts listening; {@link #close} stops both.
 */
public final class Dashboard implements AutoCloseable {
    /** Threads answering requests; answers come from memory, so a few serve many browsers. */
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Watcher watcher;

    private Dashboard(HttpServer server, ExecutorService executor, Watcher watcher) {
        this.server = server;
        this.executor = executor;
        this.watcher = watcher;
    }

    /**
     * Serves the studies of {@code storageUrl} on {@code address} (port 0: any free port). {@code log} gets a
     * line when the storage becomes unreachable and when it is back.
     *
     * @throws dev.schedtune.cli.UserError if the storage cannot be opened
     * @throws IOException if the address cannot be listened on (in use, not this machine's, no permission)
     */
    public static Dashboard start(String storageUrl, InetSocketAddress address, PrintWriter log) throws IOException {
        StorageLink link = StorageLink.open(storageUrl);
        Watcher watcher = new Watcher(link, log);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "schedtune-dashboard-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(address, 64);
            server.createContext("/", new Routes(watcher, address.getAddress().isLoopbackAddress()));
            server.setExecutor(executor);
            server.start();
            return new Dashboard(server, executor, watcher);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            watcher.close();
            throw e;
        }
    }

    /** Where a browser finds the dashboard: {@code http://host:port/}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        InetAddress ip = a.getAddress();
        String host = ip.isAnyLocalAddress() ? "127.0.0.1" : ip.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** The port listened on (the one chosen, for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.close();
    }
}
