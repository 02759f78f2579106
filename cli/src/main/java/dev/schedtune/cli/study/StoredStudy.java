package dev.schedtune.cli.study;

import dev.schedtune.cli.UserError;
import dev.schedtune.cli.report.StudyResults;
import dev.schedtune.search.Study;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.trainers.tuning.Confirmation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A study read from a storage for the commands that look at studies: its record, attributes and results. */
public final class StoredStudy {
    /** Where {@code schedtune tune} keeps the built-in study; the default of {@code --storage}. */
    public static final String DEFAULT_STORAGE = "schedtune-runs/fashion-schedules/study.db";

    final StudyRecord record;
    final Map<String, @Nullable Object> systemAttrs;
    final List<FrozenTrial> trials;

    private StoredStudy(StudyRecord record, Map<String, @Nullable Object> systemAttrs, List<FrozenTrial> trials) {
        this.record = record;
        this.systemAttrs = systemAttrs;
        this.trials = trials;
    }

    /** The storage URL to use: the given one, else the built-in study's file if it exists. */
    public static String storageUrl(@Nullable String given) {
        if (given != null) {
            return given;
        }
        if (Files.isRegularFile(Path.of(DEFAULT_STORAGE))) {
            return DEFAULT_STORAGE;
        }
        throw new UserError("give the storage with --storage URL (a SQLite file such as runs/study.db, or a"
                + " storage URL), --storage-file FILE or SCHEDTUNE_STORAGE; there is no " + DEFAULT_STORAGE + " here");
    }

    /** A study as read: its record, system attributes and a snapshot of its trials. */
    public static StoredStudy of(
            StudyRecord record, Map<String, @Nullable Object> systemAttrs, List<FrozenTrial> trials) {
        return new StoredStudy(record, systemAttrs, trials);
    }

    /** Reads study {@code name}; a missing study is a {@link UserError} naming the studies there are. */
    public static StoredStudy load(Storage storage, String url, String name) {
        StudyRecord record = storage.findStudy(name).orElseThrow(() -> {
            List<String> names =
                    storage.studies().stream().map(StudyRecord::name).toList();
            return new UserError("no study named '" + name + "' in " + StudyStorage.display(url)
                    + (names.isEmpty() ? " (it holds no study)" : "; studies there: " + String.join(", ", names)));
        });
        return new StoredStudy(record, storage.studySystemAttrs(record.studyId()), storage.trials(record.studyId()));
    }

    /** The objective names {@code tune} stored with a study (empty for other studies). */
    static List<String> objectiveNames(Map<String, @Nullable Object> systemAttrs) {
        List<String> names = new ArrayList<>();
        // ours, else Optuna's metric names (Study.builder().objectiveNames(...), optuna's set_metric_names)
        Object stored = systemAttrs.getOrDefault(StudyAttrs.OBJECTIVES, systemAttrs.get(Study.METRIC_NAMES_KEY));
        if (stored instanceof List<?>) {
            for (Object o : (List<?>) stored) {
                names.add(String.valueOf(o));
            }
        }
        return names;
    }

    /** The results, with the objective names and family that {@code tune} stored (if it made the study). */
    public StudyResults results() {
        List<String> names = objectiveNames(systemAttrs);
        Object family = systemAttrs.get(StudyAttrs.FAMILY_PARAMETER);
        return StudyResults.of(
                        record.name(), trials, record.directions(), names, family == null ? null : family.toString())
                .withConfirmations(Confirmation.read(systemAttrs));
    }

    /** How intermediate values are stepped: "percent" of the run or "epoch" (also for foreign studies). */
    public String checkpoints() {
        Object c = systemAttrs.get(StudyAttrs.CHECKPOINTS);
        return c == null ? "step" : c.toString();
    }
}
