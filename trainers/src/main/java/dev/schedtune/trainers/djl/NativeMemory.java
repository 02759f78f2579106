package dev.schedtune.trainers.djl;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much native memory this process holds: the DJL arrays still open (under every manager) and the
 * resident set size. Used by tests and workers to show that training frees what it allocates.
 */
public final class NativeMemory {
    private NativeMemory() {}

    /** The number of NDArrays open under DJL's system manager (all managers of the default engine). */
    public static int openArrays() {
        DjlRuntime.start();
        try (NDManager probe = NDManager.newBaseManager()) {
            NDManager system = probe.getParentManager();
            // the probe itself holds no arrays, so everything counted belongs to other managers
            return system.getManagedArrays().size();
        }
    }

    /** Resident set size in bytes (Linux {@code /proc/self/status}), or -1 where unavailable. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
