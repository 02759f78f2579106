package dev.schedtune.cli.dashboard;

import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.StudyTrials;
import dev.schedtune.search.trial.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The studies in the storage with a line of figures each, as the dashboard's front page lists them. */
record Catalog(List<Summary> studies) {
    /** One study: its objectives, trials by state and, with one objective, its best trial. */
    record Summary(
            String name,
            List<String> objectives,
            List<StudyDirection> directions,
            int trials,
            int complete,
            int pruned,
            int failed,
            int running,
            int waiting,
            @Nullable Integer bestTrial,
            @Nullable Double bestValue) {}

    Optional<Summary> find(String name) {
        return studies.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    List<String> names() {
        return studies.stream().map(Summary::name).toList();
    }

    /**
     * Reads the catalog; {@code known} keeps each study's last summary by its trial snapshot, so a study
     * that did not change is not scanned again (watcher thread).
     */
    static Catalog read(Storage storage, Map<Long, Known> known) {
        List<Summary> out = new ArrayList<>();
        Map<Long, Known> seen = new HashMap<>();
        for (StudyRecord r : storage.studies()) {
            StudyTrials trials = storage.trials(r.studyId());
            Known k = known.get(r.studyId());
            if (k == null || k.trials != trials || !k.summary.name().equals(r.name())) {
                k = new Known(trials, summary(r, storage.studySystemAttrs(r.studyId()), trials));
            }
            seen.put(r.studyId(), k);
            out.add(k.summary);
        }
        known.clear();
        known.putAll(seen);
        return new Catalog(List.copyOf(out));
    }

    /** A study's summary as of a trial snapshot. */
    record Known(StudyTrials trials, Summary summary) {}

    private static Summary summary(StudyRecord r, Map<String, @Nullable Object> attrs, StudyTrials trials) {
        List<String> names = new ArrayList<>();
        if (attrs.get(StudyAttrs.OBJECTIVES) instanceof List<?> stored
                && stored.size() == r.directions().size()) {
            stored.forEach(o -> names.add(String.valueOf(o)));
        } else {
            for (int i = 0; i < r.directions().size(); i++) {
                names.add(r.directions().size() == 1 ? "value" : "objective " + i);
            }
        }
        Integer bestTrial = null;
        Double bestValue = null;
        if (r.directions().size() == 1) {
            boolean min = r.directions().get(0) == StudyDirection.MINIMIZE;
            for (FrozenTrial t : trials) {
                if (t.state() == TrialState.COMPLETE && t.values() != null) {
                    double v = t.values().get(0);
                    if (!Double.isNaN(v) && (bestValue == null || (min ? v < bestValue : v > bestValue))) {
                        bestValue = v;
                        bestTrial = t.number();
                    }
                }
            }
        }
        return new Summary(
                r.name(),
                List.copyOf(names),
                r.directions(),
                trials.size(),
                trials.count(TrialState.COMPLETE),
                trials.count(TrialState.PRUNED),
                trials.count(TrialState.FAIL),
                trials.count(TrialState.RUNNING),
                trials.count(TrialState.WAITING),
                bestTrial,
                bestValue);
    }
}
