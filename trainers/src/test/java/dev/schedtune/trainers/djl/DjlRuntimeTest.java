package dev.schedtune.trainers.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {
    @Test
    void engineRunsOfflineOnOneThreadFromTheBundledLibtorch() {
        assertThat(DjlRuntime.start()).isGreaterThanOrEqualTo(0);
        assertThat(DjlRuntime.engineStartSeconds()).isNotNaN();
        assertThat(DjlRuntime.isOffline()).isTrue();
        assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        assertThat(Engine.getInstance().getVersion()).startsWith("2.7.1");
        assertThat(DjlRuntime.intraOpThreads()).isEqualTo(1);
        assertThat(DjlRuntime.interOpThreads()).isEqualTo(1);
        // any download attempt fails at once instead of touching the network
        assertThatThrownBy(() -> ai.djl.util.Utils.openUrl("https://publish.djl.ai/pytorch/2.7.1/files.txt"))
                .isInstanceOf(IOException.class)
                .hasMessage("Offline mode is enabled.");
    }

    @Test
    void intraOpThreadsCanChangeAtRunTime() {
        DjlRuntime.setIntraOpThreads(2);
        try {
            assertThat(DjlRuntime.intraOpThreads()).isEqualTo(2);
        } finally {
            DjlRuntime.setIntraOpThreads(1);
        }
        assertThat(DjlRuntime.intraOpThreads()).isEqualTo(1);
        assertThatThrownBy(() -> DjlRuntime.setIntraOpThreads(0)).hasMessage("intraOpThreads (0) must be >= 1");
    }

    @Test
    void openArraysCountsWhatIsStillAllocated() {
        int before = NativeMemory.openArrays();
        try (NDManager m = NDManager.newBaseManager()) {
            m.zeros(new Shape(3));
            m.ones(new Shape(2, 2));
            assertThat(NativeMemory.openArrays()).isEqualTo(before + 2);
        }
        assertThat(NativeMemory.openArrays()).isEqualTo(before);
        assertThat(NativeMemory.residentBytes()).isGreaterThan(10L << 20);
    }
}
