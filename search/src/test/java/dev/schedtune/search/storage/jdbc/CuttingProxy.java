package dev.schedtune.search.storage.jdbc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between PostgreSQL clients and the server that cuts connections: at random
 * (before a client message reaches the server, so the server rolls the transaction back) and right after a
 * COMMIT (the server commits, the client never hears so), the two faults a network adds to a database. It
 * reads the client side of PostgreSQL's wire protocol to find commits: a simple query {@code COMMIT}, or
 * the Sync after a Bind of a statement parsed from {@code COMMIT} (the JDBC driver prepares it once per
 * connection). Use {@code sslmode=disable} through it.
 */
public final class CuttingProxy implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket server;
    private final int target;
    private final Random random;
    private volatile double afterCommit;
    private volatile double atRandom;
    private volatile boolean closed;
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger commitsCut = new AtomicInteger();
    private final AtomicInteger randomCuts = new AtomicInteger();
    private final Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private CuttingProxy(ServerSocket server, int target, long seed) {
        this.server = server;
        this.target = target;
        this.random = new Random(seed);
    }

    /** Listens on a free loopback port and relays to {@code targetPort} on loopback. */
    public static CuttingProxy start(int targetPort, long seed) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        CuttingProxy p = new CuttingProxy(s, targetPort, seed);
        Thread t = new Thread(p::accept, "cutting-proxy-accept");
        t.setDaemon(true);
        t.start();
        return p;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Cuts a connection right after a COMMIT with probability {@code afterCommit}, before any message with {@code atRandom}. */
    public void cut(double afterCommit, double atRandom) {
        this.afterCommit = afterCommit;
        this.atRandom = atRandom;
    }

    /** Commits relayed (cut or not). */
    public int commits() {
        return commits.get();
    }

    public int commitsCut() {
        return commitsCut.get();
    }

    public int randomCuts() {
        return randomCuts.get();
    }

    /** Cuts every open connection now. */
    public void cutAll() {
        for (Socket s : open) {
            quietClose(s);
        }
    }

    private synchronized boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket up;
                try {
                    up = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    quietClose(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                up.setTcpNoDelay(true);
                new Link(client, up).start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One proxied connection. */
    private final class Link {
        private final Socket client;
        private final Socket up;
        /** Set when a commit is on its way and the answer must not reach the client. */
        private volatile boolean swallowing;

        Link(Socket client, Socket up) {
            this.client = client;
            this.up = up;
            open.add(client);
            open.add(up);
        }

        void start() {
            daemon("cutting-proxy-up", this::clientToServer);
            daemon("cutting-proxy-down", this::serverToClient);
        }

        private void daemon(String name, Runnable r) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        }

        private void cut() {
            quietClose(client);
            quietClose(up);
            open.remove(client);
            open.remove(up);
        }

        private void serverToClient() {
            byte[] buf = new byte[8192];
            try (InputStream in = up.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (!swallowing) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // cut
            } finally {
                cut();
            }
        }

        private void clientToServer() {
            Set<String> commitStatements = new HashSet<>();
            boolean unnamedIsCommit = false;
            boolean commitPending = false;
            try (DataInputStream in = new DataInputStream(client.getInputStream());
                    OutputStream out = up.getOutputStream()) {
                boolean typed = false;
                while (true) {
                    if (!typed) {
                        int len = in.readInt();
                        byte[] body = new byte[len - 4];
                        in.readFully(body);
                        out.write(ByteBuffer.allocate(4).putInt(len).array());
                        out.write(body);
                        out.flush();
                        int code = ByteBuffer.wrap(body).getInt();
                        typed = code != SSL_REQUEST && code != GSS_REQUEST;
                        continue;
                    }
                    int type = in.read();
                    if (type < 0) {
                        return;
                    }
                    int len = in.readInt();
                    byte[] body = new byte[len - 4];
                    in.readFully(body);
                    boolean flushesCommit = false;
                    if (type == 'P') {
                        String name = cstring(body, 0);
                        String query = cstring(body, name.length() + 1 + 0);
                        boolean commit = query.trim().equalsIgnoreCase("COMMIT");
                        if (name.isEmpty()) {
                            unnamedIsCommit = commit;
                        } else if (commit) {
                            commitStatements.add(name);
                        }
                    } else if (type == 'B') {
                        String portal = cstring(body, 0);
                        String statement = cstring(body, portal.length() + 1);
                        if (statement.isEmpty() ? unnamedIsCommit : commitStatements.contains(statement)) {
                            commitPending = true;
                        }
                    } else if (type == 'Q') {
                        flushesCommit = cstring(body, 0)
                                .trim()
                                .toUpperCase(java.util.Locale.ROOT)
                                .startsWith("COMMIT");
                    } else if (type == 'S' && commitPending) {
                        flushesCommit = true;
                        commitPending = false;
                    }
                    if (!flushesCommit && chance(atRandom)) {
                        randomCuts.incrementAndGet();
                        return; // the message never reaches the server: it rolls back
                    }
                    boolean cutAfter = flushesCommit && chance(afterCommit);
                    if (flushesCommit) {
                        commits.incrementAndGet();
                    }
                    if (cutAfter) {
                        swallowing = true;
                    }
                    out.write(type);
                    out.write(ByteBuffer.allocate(4).putInt(len).array());
                    out.write(body);
                    out.flush();
                    if (cutAfter) {
                        commitsCut.incrementAndGet();
                        Thread.sleep(50); // the server commits; its answer is swallowed
                        return;
                    }
                }
            } catch (EOFException e) {
                // the client closed
            } catch (IOException e) {
                // cut from the other side
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                cut();
            }
        }
    }

    private static String cstring(byte[] b, int from) {
        int end = from;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8);
    }

    private static void quietClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        quietClose2(server);
        cutAll();
    }

    private static void quietClose2(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
