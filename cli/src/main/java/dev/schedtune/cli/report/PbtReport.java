package dev.schedtune.cli.report;

import static com.google.common.base.Preconditions.checkArgument;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.trainers.pbt.DiscoveredSchedule;
import dev.schedtune.trainers.tuning.Baseline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The report of a population-based training study: the population over time (each member's objective per
 * generation, and who copied whom), the lineage of the final best member, and the schedule it discovered
 * drawn against the baselines on one optimizer-step axis. Drawn by {@code pbt.js} with the study report's
 * helpers, under the same rules as {@link HtmlReport}: one self-contained file, study text only as
 * script-safe JSON put into the page with {@code textContent}, a policy allowing its one script and style
 * by hash.
 */
public final class PbtReport {
    /** Most points per schedule curve: every step of a short run, evenly spaced steps of a longer one. */
    static final int CURVE_POINTS = 600;

    private PbtReport() {}

    /**
     * What a report draws: study {@code study} ranked by objective {@code objective} ({@code direction}),
     * {@code epochs} epochs of {@code stepsPerEpoch} optimizer steps, every recorded step, the final best
     * member's {@code lineage} (empty while the population runs), the {@code baselines} to draw its schedule
     * against and the replay check as {@code pbt.json} holds it (null: none).
     */
    public record Run(
            String study,
            String objective,
            StudyDirection direction,
            int stepsPerEpoch,
            int epochs,
            List<MemberRecord> records,
            List<MemberRecord> lineage,
            List<Baseline> baselines,
            @Nullable Map<String, Object> replay) {
        public Run {
            checkArgument(stepsPerEpoch >= 1, "stepsPerEpoch (%s) must be >= 1", stepsPerEpoch);
            checkArgument(epochs >= 1, "epochs (%s) must be >= 1", epochs);
            records = List.copyOf(records);
            lineage = List.copyOf(lineage);
            baselines = List.copyOf(baselines);
        }
    }

    /** The report page of {@code run}. */
    public static String render(Run run) {
        return HtmlReport.page("pbt.html", "pbt.js", run.study(), HtmlReport.json(data(run)), "", false)
                .html();
    }

    /** What the page draws, as plain data (see {@code pbt.js}). */
    static Map<String, Object> data(Run run) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("study", run.study());
        d.put("objective", run.objective());
        d.put("direction", run.direction().name().toLowerCase(Locale.ROOT));
        d.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        d.put("stepsPerEpoch", run.stepsPerEpoch());
        d.put("epochs", run.epochs());
        d.put("records", run.records().stream().map(PbtReport::describe).toList());
        List<Object> lineage = new ArrayList<>();
        for (MemberRecord r : run.lineage()) {
            lineage.add(Map.of("member", r.member(), "generation", r.generation()));
        }
        d.put("lineage", lineage);
        if (!run.lineage().isEmpty()) {
            d.put("schedules", schedules(run));
        }
        if (run.replay() != null) {
            d.put("replay", run.replay());
        }
        return d;
    }

    /**
     * A step as {@code pbt.json} and the report hold it: generation, member, epochs, where its weights came
     * from, its hyperparameters, its score (or why it failed) and what its training measured.
     */
    public static Map<String, Object> describe(MemberRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", r.generation());
        m.put("member", r.member());
        m.put("first_epoch", r.firstEpoch());
        m.put("last_epoch", r.lastEpoch());
        m.put("source", r.source());
        m.put("exploited", r.exploited());
        m.put("values", r.values());
        if (r.isFailed()) {
            m.put("failure", r.failure().orElse(""));
        } else {
            m.put("score", ReportData.finite(r.score()));
        }
        m.put("extras", r.extras());
        return m;
    }

    /** The discovered schedule and each baseline's, sampled at the same optimizer steps. */
    private static Map<String, Object> schedules(Run run) {
        long total = (long) run.stepsPerEpoch() * run.epochs();
        int n = (int) Math.min(CURVE_POINTS, total);
        long[] steps = new long[n];
        for (int i = 0; i < n; i++) {
            steps[i] = n == 1 ? 0 : Math.round((double) i * (total - 1) / (n - 1));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("steps", total);
        s.put("x", Arrays.stream(steps).boxed().toList());
        s.put("discovered", sampled(DiscoveredSchedule.ofLineage(run.lineage(), run.stepsPerEpoch()), steps));
        List<Object> baselines = new ArrayList<>();
        for (Baseline b : run.baselines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("series", sampled(b.schedules(run.stepsPerEpoch(), run.epochs()), steps));
            baselines.add(m);
        }
        s.put("baselines", baselines);
        return s;
    }

    private static Map<String, Object> sampled(ScheduleSet set, long[] steps) {
        Map<String, Object> series = new LinkedHashMap<>();
        for (Map.Entry<String, Schedule> e : set.asMap().entrySet()) {
            List<Object> ys = new ArrayList<>();
            for (long step : steps) {
                ys.add(ReportData.finite(ReportData.round(e.getValue().valueAt(step))));
            }
            series.put(e.getKey(), ys);
        }
        return series;
    }
}
