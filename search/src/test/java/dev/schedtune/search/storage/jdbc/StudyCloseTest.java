package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived process that opens many studies (a dashboard, a scheduler) must not keep each one's
 * heartbeat thread and cached trials for as long as it lives: closing a study releases both.
 */
class StudyCloseTest {
    @TempDir
    Path dir;

    private static List<Thread> heartbeatThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("schedtune-heartbeat-closing-"))
                .toList();
    }

    @Test
    void closedStudiesKeepNoThreadAndNoCache() throws Exception {
        try (JdbcStorage storage = SqliteStorage.open(dir.resolve("many.db"))) {
            for (int i = 0; i < 20; i++) {
                Study study = Study.builder("closing-" + i)
                        .storage(storage)
                        .heartbeat(Duration.ofMillis(50), Duration.ofSeconds(5))
                        .create();
                study.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(2));
                assertThat(storage.cachedStudies()).isEqualTo(1);
                study.close();
                assertThat(storage.cachedStudies()).isZero();
                assertThatThrownBy(study::ask).hasMessageContaining("was closed");
            }
            // shutdownNow interrupts the beating threads; wait until they are gone
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!heartbeatThreads().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(heartbeatThreads()).isEmpty();
            // what was released is read again when needed
            assertThat(Study.load("closing-3", storage).trials()).hasSize(2);
        }
    }
}
