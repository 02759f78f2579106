package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.search.OptimizeOptions;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.TrialPrunedException;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Optuna (Debian's python3-optuna 3.1.0) reads what we write, and we read what it writes. Skipped with a
 * printed reason only where python3-optuna cannot be imported.
 */
class OptunaInteropTest {
    @TempDir
    Path dir;

    static final String DUMP = String.join(
            "\n",
            "import json, math, sys, optuna",
            "optuna.logging.set_verbosity(optuna.logging.WARNING)",
            "url = sys.argv[1]",
            "out = {'version': optuna.__version__, 'studies': {}}",
            "for summary in optuna.get_all_study_summaries(url):",
            "    s = optuna.load_study(study_name=summary.study_name, storage=url)",
            "    def clean(v):",
            "        return None if v is None or (isinstance(v, float) and not math.isfinite(v)) else v",
            "    trials = [{'number': t.number, 'state': t.state.name, 'values': t.values, 'params': t.params,",
            "               'dists': {k: type(d).__name__ for k, d in t.distributions.items()},",
            "               'user_attrs': t.user_attrs, 'system_attrs': t.system_attrs,",
            "               'intermediate': {str(k): clean(v) for k, v in t.intermediate_values.items()},",
            "               'start': t.datetime_start is not None, 'complete': t.datetime_complete is not None}",
            "              for t in s.get_trials(deepcopy=False)]",
            "    out['studies'][s.study_name] = {'directions': [d.name for d in s.directions],",
            "        'user_attrs': s.user_attrs, 'trials': trials,",
            "        'best': [t.number for t in s.best_trials]}",
            "print(json.dumps(out))");

    @Test
    void optunaLoadsOurStudiesWithTheirTrialsParamsValuesAndStates() throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("ours.db");
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            writeOurStudies(storage);
        }
        PythonOptuna.Result r = PythonOptuna.run(DUMP, "sqlite:///" + db);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            checkOptunaSawOurStudies(new ObjectMapper().readTree(r.stdout()), storage);
        }
    }

    /** A single-objective study (every state, every kind of parameter, attrs, reports) and a multi-objective one. */
    static void writeOurStudies(JdbcStorage storage) {
        Study single = Study.builder("single").storage(storage).seed(1).create();
        single.setUserAttr("dataset", "cifar");
        single.optimize(
                t -> {
                    double lr = t.suggestFloatLog("lr", 1e-4, 1);
                    int layers = t.suggestIntStep("layers", 1, 9, 2);
                    String opt = t.suggestCategorical("opt", "sgd", "adam");
                    t.setUserAttr("note", "n" + t.number());
                    t.report(0, lr * 2);
                    t.report(1, lr);
                    if (t.number() == 3) {
                        throw new TrialPrunedException();
                    }
                    if (t.number() == 4) {
                        throw new IllegalStateException("diverged");
                    }
                    return lr * layers + (opt.equals("sgd") ? 1 : 0);
                },
                // trial 4's exception is recorded as FAIL and the study goes on (a FAIL for Optuna to read)
                OptimizeOptions.builder()
                        .budget(TrialBudget.more(6))
                        .catching(IllegalStateException.class)
                        .build());
        single.enqueueTrial(java.util.Map.of("lr", 0.5));
        Study multi = Study.builder("multi")
                .storage(storage)
                .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                .create();
        Trial a = multi.ask();
        double x = a.suggestFloat("x", 0, 1);
        a.report(0, 0.5, 0.25);
        a.setConstraint("mem", -1);
        multi.tell(a, x, 1 + x);
        Trial b = multi.ask();
        b.suggestFloat("x", 0, 1);
        multi.tell(b, -1, 0);
    }

    /** What Optuna printed ({@link #DUMP}) is what {@link #writeOurStudies} stored in {@code storage}. */
    static void checkOptunaSawOurStudies(JsonNode out, JdbcStorage storage) throws Exception {
        assertThat(out.get("version").asText()).isEqualTo("3.1.0");
        JsonNode single = out.get("studies").get("single");
        assertThat(single.get("directions").toString()).isEqualTo("[\"MINIMIZE\"]");
        assertThat(single.get("user_attrs").get("dataset").asText()).isEqualTo("cifar");
        JsonNode trials = single.get("trials");
        assertThat(trials).hasSize(7);
        assertThat(trials.get(0).get("state").asText()).isEqualTo("COMPLETE");
        assertThat(trials.get(3).get("state").asText()).isEqualTo("PRUNED");
        assertThat(trials.get(4).get("state").asText()).isEqualTo("FAIL");
        assertThat(trials.get(4)
                        .get("system_attrs")
                        .get(FrozenTrial.FAIL_REASON_KEY)
                        .asText())
                .isEqualTo("java.lang.IllegalStateException: diverged");
        assertThat(trials.get(6).get("state").asText()).isEqualTo("WAITING");
        assertThat(trials.get(6)
                        .get("system_attrs")
                        .get("fixed_params")
                        .get("lr")
                        .asDouble())
                .isEqualTo(0.5);
        JsonNode t0 = trials.get(0);
        assertThat(t0.get("dists"))
                .isEqualTo(
                        new ObjectMapper()
                                .readTree(
                                        "{\"lr\":\"FloatDistribution\",\"layers\":\"IntDistribution\",\"opt\":\"CategoricalDistribution\"}"));
        assertThat(t0.get("user_attrs").get("note").asText()).isEqualTo("n0");
        assertThat(t0.get("intermediate")).hasSize(2);
        assertThat(t0.get("start").asBoolean()).isTrue();
        assertThat(t0.get("complete").asBoolean()).isTrue();
        // the values Optuna sees are exactly ours
        {
            Study again = Study.load("single", storage);
            for (int i = 0; i < 6; i++) {
                FrozenTrial ours = again.trials().get(i);
                JsonNode theirs = trials.get(i);
                assertThat(theirs.get("params").get("lr").asDouble())
                        .isEqualTo(ours.params().get("lr"));
                assertThat(theirs.get("params").get("layers").asLong())
                        .isEqualTo(ours.params().get("layers"));
                assertThat(theirs.get("params").get("opt").asText())
                        .isEqualTo(ours.params().get("opt"));
                if (ours.state() == TrialState.COMPLETE) {
                    assertThat(theirs.get("values").get(0).asDouble()).isEqualTo(ours.value());
                }
            }
            assertThat(trials.get(3).get("values").get(0).asDouble())
                    .isEqualTo(again.trials().get(3).value());
        }
        JsonNode multi = out.get("studies").get("multi");
        assertThat(multi.get("directions").toString()).isEqualTo("[\"MINIMIZE\",\"MAXIMIZE\"]");
        assertThat(multi.get("trials").get(0).get("values")).hasSize(2);
        assertThat(multi.get("trials")
                        .get(0)
                        .get("system_attrs")
                        .get("constraints")
                        .toString())
                .isEqualTo("[-1.0]");
        assertThat(multi.get("best").toString()).isEqualTo("[0,1]");
    }

    /** Optuna creates study 'theirs' at the URL {@code argv[1]} and prints the x of its five trials. */
    static final String OPTUNA_WRITES = String.join(
            "\n",
            "import sys, optuna",
            "optuna.logging.set_verbosity(optuna.logging.WARNING)",
            "s = optuna.create_study(study_name='theirs', storage=sys.argv[1],",
            "                        directions=['minimize', 'maximize'], sampler=optuna.samplers.RandomSampler(seed=3))",
            "def f(t):",
            "    x = t.suggest_float('x', -1, 1)",
            "    n = t.suggest_int('n', 1, 1000, log=True)",
            "    c = t.suggest_categorical('c', ['a', 1, 2.5, None, True])",
            "    t.set_user_attr('u', {'k': [1, 2]})",
            "    return x, n",
            "s.optimize(f, n_trials=5)",
            "s.enqueue_trial({'x': 0.5})",
            "print(','.join(repr(t.params['x']) for t in s.trials[:5]))");

    @Test
    void weReadAStudyOptunaWrote() throws Exception {
        PythonOptuna.assumeAvailable();
        Path db = dir.resolve("theirs.db");
        PythonOptuna.Result r = PythonOptuna.run(OPTUNA_WRITES, "sqlite:///" + db);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            checkWeReadTheirs(storage, r.stdout().trim().split(","));
        }
    }

    /** We read what {@link #OPTUNA_WRITES} wrote, and run its enqueued trial. */
    static void checkWeReadTheirs(JdbcStorage storage, String[] xs) {
        Study s = Study.load("theirs", storage);
        assertThat(s.directions()).containsExactly(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE);
        List<FrozenTrial> trials = s.trials();
        assertThat(trials).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(trials.get(i).params().get("x")).isEqualTo(Double.parseDouble(xs[i]));
            assertThat(trials.get(i).userAttrs().get("u")).isEqualTo(java.util.Map.of("k", List.of(1L, 2L)));
            assertThat(trials.get(i).values()).isNotNull();
        }
        // the enqueued trial is ours to run, with Optuna's fixed params
        s.optimizeMulti(t -> new double[] {t.suggestFloat("x", -1, 1), 1}, TrialBudget.more(1));
        assertThat(s.trials().get(5).params().get("x")).isEqualTo(0.5);
        assertThat(s.trials().get(5).state()).isEqualTo(TrialState.COMPLETE);
    }

    @Test
    void aSchemaFromANewerSchedtuneOrAnUnknownOptunaIsRefusedWithoutWriting() throws Exception {
        Path db = dir.resolve("newer.db");
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            Study.builder("s").storage(storage).create();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schedtune_schema SET version = 99");
        }
        assertThatThrownBy(() -> SqliteStorage.open(db))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("has schedtune schema version 99, newer than this schedtune")
                .hasMessageContaining("supports (" + Schema.VERSION + ")");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schedtune_schema SET version = " + Schema.VERSION);
            st.executeUpdate("UPDATE alembic_version SET version_num = 'v9.9.9.z'");
        }
        assertThatThrownBy(() -> SqliteStorage.open(db))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Optuna schema revision v9.9.9.z, which this schedtune does not know");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE alembic_version SET version_num = 'v2.6.0.a'");
        }
        assertThatThrownBy(() -> SqliteStorage.open(db))
                .hasMessageContaining("older than v3.0.0.d; upgrade it with `optuna storage upgrade");
    }

    @Test
    void anOptunaOnlyDatabaseIsAdoptedByMigratingToOurSchema() throws Exception {
        Path db = dir.resolve("optuna-only.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            for (String sql : Schema.optunaDdl(new SqliteDialect(java.time.ZoneId.systemDefault()))) {
                st.execute(sql);
            }
            st.executeUpdate("INSERT INTO alembic_version VALUES ('v3.2.0.a')");
            st.executeUpdate("INSERT INTO studies (study_name) VALUES ('old')");
            st.executeUpdate("INSERT INTO study_directions (direction, study_id, objective) VALUES ('MAXIMIZE', 1, 0)");
        }
        try (JdbcStorage storage = SqliteStorage.open(db)) {
            Study s = Study.load("old", storage);
            assertThat(s.directions()).containsExactly(StudyDirection.MAXIMIZE);
            s.optimize(t -> t.suggestFloat("x", 0, 1), TrialBudget.more(3));
            assertThat(s.bestTrial().state()).isEqualTo(TrialState.COMPLETE);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT version FROM schedtune_schema")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
        }
    }
}
