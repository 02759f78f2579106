package dev.schedtune.cli.dashboard;

import dev.schedtune.cli.report.HtmlReport;
import dev.schedtune.cli.study.StoredStudy;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StudyRecord;
import dev.schedtune.search.trial.StudyTrials;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One study as the dashboard serves it: the report's data ({@link HtmlReport#data}) computed once per
 * change of the study, under a version number, with the version at which each trial and each other part
 * last changed, so a page that shows version {@code v} is sent only what changed since. The watcher thread
 * refreshes it; request threads read the published {@link View}.
 *
 * <p>Reading the storage for a study that did not change costs a few small queries (on SQLite the trial
 * snapshot is not even read again: {@code PRAGMA data_version} says nothing changed); the data is computed
 * again only when the trials or the study's attributes differ, and at most every {@code 4 x} the time the
 * last computation took, so a busy study with many trials cannot keep the server computing.
 */
final class StudyFeed {
    /** Version numbers, unique in this process and larger than those of an earlier run (they start at the clock). */
    private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() * 1000);

    private static final long MIN_INTERVAL_NANOS = 500_000_000L;
    private static final int COST_FACTOR = 4;

    final String name;
    private final String api;
    private final String storageShown;
    private volatile long wantedAt = System.nanoTime();
    private volatile @Nullable View view;
    private volatile boolean gone;

    // watcher thread only
    private long studyId = -1;
    private @Nullable StudyTrials lastTrials;
    private @Nullable Map<String, @Nullable Object> lastAttrs;
    private long nextComputeAt = System.nanoTime();
    private final CurveMemo curves = new CurveMemo();

    StudyFeed(String name, String api, String storageShown) {
        this.name = name;
        this.api = api;
        this.storageShown = storageShown;
    }

    /** Notes that someone looks at this study (the watcher reads only studies looked at lately). */
    void wanted() {
        wantedAt = System.nanoTime();
    }

    long wantedAt() {
        return wantedAt;
    }

    /** What was last computed, or null before the first read. */
    @Nullable
    View view() {
        return view;
    }

    /** Whether the study was deleted from the storage (the last view stays, for pages that show it). */
    boolean gone() {
        return gone;
    }

    /** Reads the study again and publishes a new view if it changed (watcher thread). */
    void refresh(Storage storage) {
        Optional<StudyRecord> found = storage.findStudy(name);
        if (found.isEmpty()) {
            gone = true;
            return;
        }
        StudyRecord record = found.get();
        if (record.studyId() != studyId) {
            // a new study under this name (or the first read): pages start again from the whole data
            studyId = record.studyId();
            lastTrials = null;
            lastAttrs = null;
            view = null;
        }
        gone = false;
        StudyTrials trials = storage.trials(record.studyId());
        Map<String, @Nullable Object> attrs = storage.studySystemAttrs(record.studyId());
        if (trials == lastTrials && attrs.equals(lastAttrs)) {
            return;
        }
        long now = System.nanoTime();
        if (view != null && now - nextComputeAt < 0) {
            return; // computed a moment ago: the next tick will
        }
        StoredStudy study = StoredStudy.of(record, attrs, trials);
        Map<String, Object> data = HtmlReport.data(study.results(), study.checkpoints(), curves);
        curves.sweep();
        publish(data);
        lastTrials = trials;
        lastAttrs = attrs;
        long cost = System.nanoTime() - now;
        nextComputeAt = System.nanoTime() + Math.max(MIN_INTERVAL_NANOS, COST_FACTOR * cost);
    }

    @SuppressWarnings("unchecked")
    private void publish(Map<String, Object> data) {
        List<Map<String, Object>> trials = (List<Map<String, Object>>) Objects.requireNonNull(data.remove("trials"));
        data.remove("generated");
        View old = view;
        long version = VERSIONS.incrementAndGet();
        long[] trialChanged = new long[trials.size()];
        Map<String, Long> partChanged = new HashMap<>();
        boolean changed = old == null || trials.size() != old.trials.size();
        for (int i = 0; i < trials.size(); i++) {
            boolean same =
                    old != null && i < old.trials.size() && old.trials.get(i).equals(trials.get(i));
            trialChanged[i] = same ? old.trialChanged[i] : version;
            changed |= !same;
        }
        for (Map.Entry<String, Object> e : data.entrySet()) {
            boolean same = old != null
                    && old.parts.containsKey(e.getKey())
                    && Objects.equals(old.parts.get(e.getKey()), e.getValue());
            partChanged.put(e.getKey(), same ? old.partChanged.get(e.getKey()) : version);
            changed |= !same;
        }
        if (!changed) {
            return;
        }
        // a part that is no more cannot be sent as a change: pages then get everything
        boolean partGone = old != null && !data.keySet().containsAll(old.parts.keySet());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("api", api);
        live.put("storage", storageShown);
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("version", version);
        head.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        head.put("live", live);
        view = new View(
                old == null || partGone ? version : old.base, version, head, trials, trialChanged, data, partChanged);
    }

    /**
     * One computed state of the study, immutable once published; its JSON texts are made on first use and
     * kept, so every request for the same thing gets the same string.
     */
    static final class View {
        /** The first version of this study in this server: a page with an older one gets everything. */
        final long base;

        final long version;
        private final Map<String, Object> head;
        private final List<Map<String, Object>> trials;
        private final long[] trialChanged;
        private final Map<String, Object> parts;
        private final Map<String, Long> partChanged;
        private volatile @Nullable String full;
        private volatile HtmlReport.@Nullable Page page;
        private final ConcurrentHashMap<Long, String> deltas = new ConcurrentHashMap<>();

        View(
                long base,
                long version,
                Map<String, Object> head,
                List<Map<String, Object>> trials,
                long[] trialChanged,
                Map<String, Object> parts,
                Map<String, Long> partChanged) {
            this.base = base;
            this.version = version;
            this.head = head;
            this.trials = List.copyOf(trials);
            this.trialChanged = trialChanged;
            this.parts = parts;
            this.partChanged = partChanged;
        }

        /** The whole data, as a page embeds it and report.js draws it (script-safe JSON). */
        String full() {
            String f = full;
            if (f == null) {
                Map<String, Object> all = new LinkedHashMap<>(head);
                all.putAll(parts);
                all.put("trials", trials);
                f = HtmlReport.json(all);
                full = f;
            }
            return f;
        }

        /** The study's page drawing this view, made on first use. */
        HtmlReport.Page page(String name, String liveScript) {
            HtmlReport.Page p = page;
            if (p == null) {
                p = HtmlReport.page(name, full(), liveScript, true);
                page = p;
            }
            return p;
        }

        /**
         * What a page showing version {@code since} needs: nothing (null) if it is this one, the trials and
         * parts that changed since if {@code since} is a version of this study, else everything.
         */
        @Nullable
        String since(long since) {
            if (since == version) {
                return null;
            }
            if (since < base || since > version) {
                return full();
            }
            return deltas.computeIfAbsent(since, this::delta);
        }

        private String delta(long since) {
            if (deltas.size() > 32) {
                deltas.clear(); // pages normally ask for the previous version or two only
            }
            Map<String, Object> d = new LinkedHashMap<>(head);
            d.put("delta", true);
            parts.forEach((k, v) -> {
                if (partChanged.getOrDefault(k, version) > since) {
                    d.put(k, v);
                }
            });
            List<Map<String, Object>> changed = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                if (trialChanged[i] > since) {
                    changed.add(trials.get(i));
                }
            }
            d.put("trials", changed);
            return HtmlReport.json(d);
        }

        int trialCount() {
            return trials.size();
        }
    }
}
