package dev.schedtune.trainers.djl;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The DJL PyTorch engine, started offline with the thread counts schedtune wants.
 *
 * <p>{@link #start()} sets, unless the user set them already: {@code ai.djl.offline=true} (any download
 * attempt fails at once instead of touching the network; the native PyTorch library comes from the
 * {@code pytorch-native-cpu} jar with the {@code linux-x86_64} classifier and is unpacked once into
 * DJL's cache dir, {@code ~/.djl.ai} or {@code DJL_CACHE_DIR}), and one intra-op and one inter-op
 * thread (tiny models train fastest on one thread, and one thread keeps training deterministic;
 * parallel trials use worker processes instead). Then it starts the engine and remembers how long that
 * took, so training times can exclude it.
 *
 * <p>Settings read at engine start (inter-op threads, offline mode, cache dir) cannot change later in
 * the process; {@link #setIntraOpThreads(int)} can.
 */
public final class DjlRuntime {
    /** System property DJL reads for offline mode. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** System property DJL's PyTorch engine reads for intra-op threads at start. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    /** System property DJL's PyTorch engine reads for inter-op threads at start. */
    public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    /** System property (or environment variable) naming DJL's cache dir. */
    public static final String CACHE_DIR_PROPERTY = "DJL_CACHE_DIR";

    private static volatile double engineStartSeconds = Double.NaN;

    private DjlRuntime() {}

    /**
     * Starts the engine with schedtune's defaults (offline, 1 intra-op and 1 inter-op thread unless
     * the corresponding system properties are set). Idempotent and thread-safe.
     *
     * @return the seconds the first call took in this process (about 0 if another component had
     *     started the engine already)
     */
    public static double start() {
        return start(null, null);
    }

    /**
     * As {@link #start()}, with {@code intraOpThreads} intra-op threads (applied even if the engine is
     * already running) and, if not null, DJL's cache dir (only effective before the engine starts).
     */
    public static synchronized double start(@Nullable Integer intraOpThreads, @Nullable Path cacheDir) {
        if (intraOpThreads != null) {
            checkArgument(intraOpThreads >= 1, "intraOpThreads (%s) must be >= 1", intraOpThreads);
        }
        if (Double.isNaN(engineStartSeconds)) {
            setIfAbsent(OFFLINE_PROPERTY, "true");
            setIfAbsent(THREADS_PROPERTY, intraOpThreads == null ? "1" : intraOpThreads.toString());
            setIfAbsent(INTEROP_THREADS_PROPERTY, "1");
            if (cacheDir != null && System.getenv(CACHE_DIR_PROPERTY) == null) {
                System.setProperty(CACHE_DIR_PROPERTY, cacheDir.toAbsolutePath().toString());
            }
            long t0 = System.nanoTime();
            Engine engine = Engine.getInstance();
            checkArgument(
                    "PyTorch".equals(engine.getEngineName()),
                    "schedtune trains on DJL's PyTorch engine, but the default engine is %s",
                    engine.getEngineName());
            raiseMallocThresholds();
            engineStartSeconds = (System.nanoTime() - t0) / 1e9;
        }
        if (intraOpThreads != null && JniUtils.getNumThreads() != intraOpThreads) {
            JniUtils.setNumThreads(intraOpThreads);
        }
        return engineStartSeconds;
    }

    /** Just under glibc's cap on the dynamic mmap threshold (32 MiB on 64-bit systems). */
    static final long MALLOC_RAISE_BYTES = 31L << 20;

    /**
     * Keeps libtorch's large temporaries in the heap between training steps. glibc's malloc gives the
     * free memory at the top of a heap back to the system once more than its trim threshold is free
     * there (128 KiB at start, later twice the mmap threshold), and the next allocation faults fresh
     * zeroed pages in. A training step of a CNN frees tens of MiB of activations and gradients, so
     * every step paid thousands of page faults (reference CNN, batch 128: 1,500-4,000 minor faults per
     * step, 19 MiB trimmed at a time; PyTorch's Python process: about 0). glibc raises both thresholds
     * for the whole process when a block it had mmapped is freed ("dynamic mmap threshold",
     * mallopt(3)): one 31 MiB tensor, allocated and freed untouched, lifts them to 31 and 62 MiB. Other
     * C libraries are not affected by this.
     */
    private static void raiseMallocThresholds() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.create(new Shape(MALLOC_RAISE_BYTES), DataType.INT8).close();
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Seconds the engine took to start in this process, or NaN before {@link #start()}. */
    public static double engineStartSeconds() {
        return engineStartSeconds;
    }

    /** Whether DJL is in offline mode (downloads fail instead of using the network). */
    public static boolean isOffline() {
        return ai.djl.util.Utils.isOfflineMode();
    }

    /** Current intra-op thread count of the PyTorch engine (starts the engine if needed). */
    public static int intraOpThreads() {
        start();
        return JniUtils.getNumThreads();
    }

    /** Sets the intra-op thread count (takes effect at once). */
    public static void setIntraOpThreads(int threads) {
        start(threads, null);
    }

    /** Current inter-op thread count (fixed at engine start). */
    public static int interOpThreads() {
        start();
        return JniUtils.getNumInteropThreads();
    }

    /**
     * Seeds DJL's process-global random generators: PyTorch's (used by initializers) and DJL's shared
     * {@code java.util.Random} (used by its samplers).
     */
    public static void seed(long seed) {
        start();
        Engine.getInstance().setRandomSeed(Long.hashCode(seed));
    }
}
