package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.Storages;
import dev.schedtune.search.Study;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storages opened to read only (what {@code schedtune dashboard} uses): they read every study, also one
 * Optuna wrote, see other processes' new trials, and write nothing, not even when opening.
 */
class ReadOnlyStorageTest {
    private static final Duration RETRY = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void anOptunaDatabaseIsReadAsItIsAndNotOneByteChanges() throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("theirs.db");
        PythonOptuna.Result r = PythonOptuna.run(OptunaInteropTest.OPTUNA_WRITES, "sqlite:///" + db);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String before = sha256(db);
        try (Storage storage = Storages.openReadOnly("sqlite:///" + db, RETRY)) {
            StudyRecord study = storage.findStudy("theirs").orElseThrow();
            assertThat(study.directions()).containsExactly(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
            List<FrozenTrial> trials = storage.trials(study.studyId());
            assertThat(trials).hasSize(6);
            String[] xs = r.stdout().trim().split(",");
            for (int i = 0; i < 5; i++) {
                assertThat(trials.get(i).state()).isEqualTo(TrialState.COMPLETE);
                assertThat(trials.get(i).params().get("x")).isEqualTo(Double.parseDouble(xs[i]));
                assertThat(trials.get(i).values()).isNotNull();
            }
            assertThat(trials.get(5).state()).isEqualTo(TrialState.WAITING);
            assertThatThrownBy(() -> storage.setStudyUserAttr(study.studyId(), "k", 1L))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("open read-only");
            assertThatThrownBy(() -> storage.claimWaitingTrial(study.studyId()))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(sha256(db)).isEqualTo(before);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name LIKE 'schedtune%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables of ours added to Optuna's file").isZero();
        }
    }

    @Test
    void aReaderSeesTheTrialsAnotherConnectionWritesAndCannotWrite() throws Exception {
        Path db = dir.resolve("live.db");
        try (JdbcStorage writer = SqliteStorage.open(db);
                Storage reader = Storages.openReadOnly(db.toString(), RETRY)) {
            Study study = Study.builder("live")
                    .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                    .storage(writer)
                    .create();
            long id = reader.findStudy("live").orElseThrow().studyId();
            assertThat(reader.trials(id)).isEmpty();
            var t = study.ask();
            t.suggestFloat("x", 0, 1);
            t.report(1, 0.5, 2.0);
            assertThat(reader.trials(id)).singleElement().satisfies(f -> {
                assertThat(f.state()).isEqualTo(TrialState.RUNNING);
                assertThat(f.intermediateValues().get(1L).toArray()).containsExactly(0.5, 2.0);
            });
            study.tell(t, 0.25, 1.0);
            assertThat(reader.trials(id).get(0).state()).isEqualTo(TrialState.COMPLETE);
            assertThat(reader.studySystemAttrs(id)).isEqualTo(writer.studySystemAttrs(id));
            assertThatThrownBy(() -> reader.createStudy("mine", List.of(StudyDirection.MINIMIZE), Map.of()))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining(db.getFileName().toString());
            assertThatThrownBy(() -> reader.failStaleTrials(id, Duration.ofSeconds(1)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aMissingFileOrAFileWithoutStudiesIsRefusedAndNotCreated() throws Exception {
        Path missing = dir.resolve("nope.db");
        assertThatThrownBy(() -> Storages.openReadOnly(missing.toString(), RETRY))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no such file");
        assertThat(missing).doesNotExist();
        Path empty = Files.createFile(dir.resolve("empty.db"));
        assertThatThrownBy(() -> Storages.openReadOnly(empty.toString(), RETRY))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("holds no studies");
        assertThat(empty).isEmptyFile();
        assertThatThrownBy(() -> Storages.openReadOnly("memory", RETRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to read");
    }

    @Test
    void onPostgresTheSessionIsReadOnlyAndNothingIsCreated() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        assertThatThrownBy(() -> Storages.openReadOnly(url, RETRY))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("holds no studies");
        try (Storage writer = PostgresStorage.open(url);
                Storage reader = Storages.openReadOnly(url, RETRY)) {
            Study study = Study.builder("pg").storage(writer).create();
            long id = reader.findStudy("pg").orElseThrow().studyId();
            assertThat(reader.trials(id)).isEmpty();
            study.optimize(t -> t.suggestFloat("x", 0, 1), dev.schedtune.search.TrialBudget.more(3));
            assertThat(reader.trials(id))
                    .hasSize(3)
                    .allSatisfy(f -> assertThat(f.state()).isEqualTo(TrialState.COMPLETE));
            assertThatThrownBy(() -> reader.setStudySystemAttr(id, "k", "v"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
