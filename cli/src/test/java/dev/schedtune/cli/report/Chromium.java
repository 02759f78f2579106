package dev.schedtune.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real headless Chromium (Debian's {@code /usr/bin/chromium}) driven through the DevTools protocol over
 * a WebSocket: navigate, evaluate JavaScript, click, collect console errors, uncaught exceptions and
 * dialogs, take screenshots. If Chromium is missing and the tests run as root, it is installed with
 * apt-get; otherwise the test fails with a message saying how to install it (never skipped).
 */
public final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts Chromium (installing it first if it is missing and we are root). */
    public static Chromium start(Path workDir) throws Exception {
        ensureInstalled();
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> command = List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not open its DevTools port; its log:\n"
                        + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        while (pageSocket == null) {
            JsonNode list = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            for (JsonNode target : list) {
                if ("page".equals(target.path("type").asText())) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium shows no page target: " + list);
                }
                Thread.sleep(100);
            }
        }
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageSocket), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Chromium c = new Chromium(process, profile, socket);
        listener.owner = c;
        c.call("Runtime.enable", Map.of());
        c.call("Log.enable", Map.of());
        c.call("Page.enable", Map.of());
        return c;
    }

    private static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Process p = new ProcessBuilder("sh", "-c", "apt-get update -qq && apt-get install -y -qq chromium")
                    .redirectErrorStream(true)
                    .start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(15, TimeUnit.MINUTES);
            if (Files.isExecutable(BINARY)) {
                return;
            }
            throw new IllegalStateException(
                    "Chromium is missing and 'apt-get install -y chromium' did not install it:\n" + log);
        }
        throw new IllegalStateException("the report tests need Chromium at " + BINARY
                + "; install it with 'sudo apt-get install -y chromium' (Debian/Ubuntu), or run the tests as root");
    }

    /** Calls a DevTools method and waits for its result. */
    public JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    /** Opens {@code file} and waits for its load event. */
    public void open(Path file) throws Exception {
        open(file.toUri());
    }

    /** Opens {@code url} (a file or an http address) and waits for its load event. */
    public void open(URI url) throws Exception {
        int before = events.size();
        call("Page.navigate", Map.of("url", url.toString()));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (events.subList(before, events.size()).stream()
                .noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the page did not load: " + url);
            }
            Thread.sleep(50);
        }
    }

    /** Forgets the problems seen so far (e.g. before opening a page that is expected to answer 404). */
    public void clearProblems() {
        events.clear();
    }

    /** Evaluates {@code expression} in the page and returns its value (JSON). */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r =
                call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating " + expression + " threw " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Console errors, uncaught exceptions, error log entries and dialogs seen so far, as text. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            String method = e.path("method").asText();
            JsonNode p = e.path("params");
            switch (method) {
                case "Runtime.consoleAPICalled" -> {
                    String type = p.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        out.add("console." + type + ": " + p.path("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        out.add("log: " + p.path("entry").path("text").asText() + " "
                                + p.path("entry").path("url").asText());
                    }
                }
                case "Page.javascriptDialogOpening" ->
                    out.add("dialog: " + p.path("message").asText());
                default -> {}
            }
        }
        return out;
    }

    /** A PNG of the whole page, {@code width} CSS pixels wide. */
    public byte[] screenshot(int width) throws Exception {
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 1000, "deviceScaleFactor", 1, "mobile", false));
        Thread.sleep(400); // the page re-renders its plots on resize (debounced)
        int height = eval("Math.ceil(document.documentElement.scrollHeight)").asInt();
        call(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        Thread.sleep(400);
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return Base64.getDecoder().decode(shot.path("data").asText());
    }

    @Override
    public void close() {
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Path of the profile folder, for diagnostics. */
    public Path profile() {
        return profile;
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    Chromium c = owner;
                    if (message.has("id") && c != null) {
                        CompletableFuture<JsonNode> f =
                                c.pending.remove(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    } else if (c != null) {
                        c.events.add(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("not a DevTools message: " + text, e);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
