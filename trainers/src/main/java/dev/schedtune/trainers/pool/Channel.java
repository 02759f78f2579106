package dev.schedtune.trainers.pool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/**
 * The worker's protocol channel: a loopback TCP connection that only the protocol uses. A worker's standard
 * output is shared with whatever else writes to file descriptor 1 (JVM logging such as {@code -Xlog:gc}, a
 * native library's printf), so protocol messages there could be lost, split or mixed with foreign text; on
 * a channel of their own they cannot. The parent listens on a port of the loopback interface; the child,
 * told the port and a one-time token in {@value #ENV}, connects and sends the token first, so no other
 * local process can pose as the worker.
 */
final class Channel {
    /** Environment variable of a worker process: {@code port:token}. */
    static final String ENV = "SCHEDTUNE_WORKER_CHANNEL";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int POLL_MILLIS = 200;

    private final ServerSocket server;
    private final String token;

    private Channel(ServerSocket server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Listens on a free loopback port. */
    static Channel listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
            s.setSoTimeout(POLL_MILLIS);
            byte[] t = new byte[16];
            RANDOM.nextBytes(t);
            return new Channel(s, HexFormat.of().formatHex(t));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on a loopback port for a worker: " + e.getMessage(), e);
        }
    }

    /** The value of {@value #ENV} for the child. */
    String address() {
        return server.getLocalPort() + ":" + token;
    }

    /**
     * Waits for the child to connect with the right token, while {@code alive} holds, at most {@code
     * millis}; null if it did not. Closes the listening socket either way.
     */
    Socket accept(long millis, BooleanSupplier alive) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try (ServerSocket s = server) {
            while (System.nanoTime() < deadline && alive.getAsBoolean()) {
                Socket socket;
                try {
                    socket = s.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                socket.setSoTimeout(5_000);
                String first;
                try {
                    first = tokenLine(socket.getInputStream());
                } catch (IOException e) {
                    first = null;
                }
                if (token.equals(first)) {
                    socket.setSoTimeout(0);
                    socket.setTcpNoDelay(true);
                    return socket;
                }
                socket.close(); // not our child
            }
            return null;
        }
    }

    /** Stops listening (the child was never started). */
    void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing was connected
        }
    }

    /** The first line, read byte by byte so that nothing after it is consumed; null if longer than a token. */
    private static String tokenLine(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || b.length() > 64) {
                return null;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** The child's side: connects to the parent named by {@value #ENV} and returns the protocol stream. */
    static PrintStream connect(String address) throws IOException {
        int colon = address.indexOf(':');
        if (colon < 0) {
            throw new IOException(ENV + " (" + address + ") must be port:token");
        }
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(address.substring(0, colon)));
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        out.write((address.substring(colon + 1) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new PrintStream(new java.io.BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
    }
}
