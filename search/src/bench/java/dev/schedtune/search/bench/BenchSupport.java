package dev.schedtune.search.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Timing helpers shared by the benchmark programs: wall and CPU time (CPU time is robust to a busy machine). */
final class BenchSupport {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BenchSupport() {}

    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteDb(Path db) throws IOException {
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static long usedHeapMb() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}
