package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyExistsException;
import dev.schedtune.search.storage.StudyNotFoundException;
import dev.schedtune.search.trial.StudyDirection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage the builder opens from a URL is closed when making the study fails: the real SQLite file's
 * handles, as the kernel lists them in {@code /proc/self/fd}, are gone.
 */
class StudyBuilderStorageTest {
    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc/self/fd");
        db = dir.resolve("s.db");
        try (Storage st = Storages.sqlite(db)) {
            Study.builder("there").storage(st).create().close();
        }
        assertThat(openHandles())
                .as("handles after the setup closed its storage")
                .isEmpty();
    }

    @Test
    void aStudyHoldsItsStorageOpenUntilClosed() {
        Study study = Study.builder("there").storage(db.toString()).load();
        assertThat(openHandles()).as("handles of a loaded study").isNotEmpty();
        study.close();
        assertThat(openHandles()).as("handles after the study was closed").isEmpty();
    }

    @Test
    void failedLoadClosesTheStorage() {
        assertThatThrownBy(() -> Study.builder("missing").storage(db.toString()).load())
                .isInstanceOf(StudyNotFoundException.class);
        assertThat(openHandles()).isEmpty();
    }

    @Test
    void failedCreateClosesTheStorage() {
        assertThatThrownBy(() -> Study.builder("there").storage(db.toString()).create())
                .isInstanceOf(StudyExistsException.class);
        assertThat(openHandles()).isEmpty();
    }

    @Test
    void failedResumeClosesTheStorage() {
        StudyBuilder wrongDirection =
                Study.builder("there").direction(StudyDirection.MAXIMIZE).storage(db.toString());
        assertThatThrownBy(wrongDirection::createOrLoad)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directions");
        assertThatThrownBy(wrongDirection::load).isInstanceOf(IllegalArgumentException.class);
        assertThat(openHandles()).isEmpty();
    }

    @Test
    void aBuilderThatFailedOnceOpensTheStorageAgain() {
        StudyBuilder builder = Study.builder("there").storage(db.toString());
        assertThatThrownBy(builder::create).isInstanceOf(StudyExistsException.class);
        try (Study study = builder.load()) {
            assertThat(study.name()).isEqualTo("there");
            assertThat(study.trials()).isEmpty();
        }
        assertThat(openHandles()).isEmpty();
    }

    /** This process's open file descriptors on the database file or its journal files. */
    private List<Path> openHandles() {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.toString().startsWith(db.toString())) {
                        out.add(target);
                    }
                } catch (IOException gone) {
                    // closed between listing and reading: not open
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
