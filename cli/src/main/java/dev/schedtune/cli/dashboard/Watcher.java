package dev.schedtune.cli.dashboard;

import dev.schedtune.search.storage.Storage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The one thread that reads the storage: every {@link #TICK} it reads the studies someone looked at lately
 * (and the list of studies, while someone looks at it), so requests never wait for the database and any
 * number of browsers cost the storage the same few queries per second. Requests that need something not
 * read yet wake it and wait, at most {@link #WAIT}.
 */
final class Watcher implements AutoCloseable {
    static final Duration TICK = Duration.ofSeconds(1);
    /** How long a wait for a first read may last before the page says what is missing. */
    static final Duration WAIT = Duration.ofSeconds(15);
    /** How old a list of studies may be to answer "is there such a study?" (it is read every tick while wanted). */
    static final long FRESH_MILLIS = 2000;
    /** Studies (and the list) not asked for this long are no longer read. */
    private static final long INTEREST_NANOS = Duration.ofSeconds(60).toNanos();

    private final StorageLink link;
    private final PrintWriter log;
    private final ConcurrentHashMap<String, StudyFeed> feeds = new ConcurrentHashMap<>();
    private final Map<Long, Catalog.Known> known = new HashMap<>();
    private final Thread thread;
    private final Object lock = new Object();

    private volatile @Nullable Catalog catalog;
    private volatile long catalogReadAt;
    private volatile long catalogWantedAt = System.nanoTime();
    private volatile boolean closed;
    /** Completed ticks; guarded by {@link #lock}. */
    private long ticks;

    private boolean wake;

    Watcher(StorageLink link, PrintWriter log) {
        this.link = link;
        this.log = log;
        this.thread = new Thread(this::loop, "schedtune-dashboard-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The storage's URL as pages show it. */
    String storageShown() {
        return link.shown();
    }

    /** Why the storage cannot be read now, or null. */
    StorageLink.@Nullable Outage outage() {
        return link.outage();
    }

    /**
     * The list of studies, read at most {@code maxAgeMillis} ago (any time ago if negative) if the storage
     * can be read, waiting for the watcher if needed; else the last one read, or null if there is none.
     */
    @Nullable
    Catalog catalog(long maxAgeMillis) {
        catalogWantedAt = System.nanoTime();
        long asked = System.nanoTime();
        if (catalog == null || maxAgeMillis >= 0 && asked - catalogReadAt > maxAgeMillis * 1_000_000L) {
            await(() -> catalogReadAt - asked >= 0 || link.outage() != null);
        }
        return catalog;
    }

    /** Whether a list of studies was ever read (before that, no name can be said to be missing). */
    boolean listed() {
        return catalog != null;
    }

    /**
     * The feed of study {@code name} if the storage has such a study (by a list read after this call),
     * with its first view computed unless the storage is unreachable or {@link #WAIT} passed; else null
     * (no such study, or no list read yet: see {@link #listed}).
     */
    @Nullable
    StudyFeed feed(String name, String api) {
        StudyFeed feed = feeds.get(name);
        if (feed == null) {
            Catalog c = catalog(-1);
            if (c == null || c.find(name).isEmpty()) {
                c = catalog(0); // a study made a moment ago? (the watcher reads the list at once)
            }
            if (c == null || c.find(name).isEmpty()) {
                return null;
            }
            feed = feeds.computeIfAbsent(name, n -> new StudyFeed(n, api, link.shown()));
        }
        StudyFeed f = keep(feed);
        if (f.view() == null) {
            await(() -> f.view() != null || f.gone() || link.outage() != null);
        }
        return f;
    }

    /**
     * Notes that {@code feed} is looked at, and puts it back if the watcher dropped it meanwhile as not looked
     * at (an answer that took longer than the interest lasts); returns the feed now followed under its name.
     */
    StudyFeed keep(StudyFeed feed) {
        feed.wanted();
        StudyFeed kept = feeds.putIfAbsent(feed.name, feed);
        StudyFeed f = kept != null ? kept : feed;
        f.wanted();
        return f;
    }

    /** Waits until {@code done} holds after a tick of the watcher, at most {@link #WAIT}. */
    private void await(BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (lock) {
            wake = true;
            lock.notifyAll();
            try {
                long seen = ticks;
                while (!closed && System.nanoTime() - deadline < 0) {
                    if (ticks != seen && done.getAsBoolean()) {
                        return;
                    }
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!closed) {
            tick();
            synchronized (lock) {
                ticks++;
                lock.notifyAll();
                try {
                    if (!wake) {
                        lock.wait(TICK.toMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                }
                wake = false;
            }
        }
    }

    private void tick() {
        boolean wasDown = link.outage() != null;
        Storage storage = link.get();
        if (storage != null) {
            long now = System.nanoTime();
            try {
                if (catalog == null || now - catalogWantedAt < INTEREST_NANOS) {
                    catalog = Catalog.read(storage, known);
                    catalogReadAt = System.nanoTime();
                }
                for (StudyFeed feed : feeds.values()) {
                    if (now - feed.wantedAt() > INTEREST_NANOS) {
                        feeds.remove(feed.name, feed);
                    } else {
                        feed.refresh(storage);
                    }
                }
            } catch (RuntimeException e) {
                link.failed(e);
            }
        }
        StorageLink.Outage outage = link.outage();
        if (outage != null && !wasDown) {
            say("storage unreachable, retrying every " + StorageLink.REOPEN_EVERY.toSeconds() + " s: "
                    + outage.message());
        } else if (outage == null && wasDown) {
            say("storage reachable again");
        }
    }

    private void say(String line) {
        synchronized (log) {
            log.println(line);
            log.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
