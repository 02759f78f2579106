package dev.schedtune.search.pbt;

import com.google.common.collect.ImmutableMap;
import dev.schedtune.search.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One member's step of one generation as the study stores it (trial system attribute {@code
 * pbt:step:<generation>} of the member's trial): where its weights came from, the hyperparameters it
 * trained with, and how it ended.
 */
public final class MemberRecord {
    private final int member;
    private final int generation;
    private final int firstEpoch;
    private final int lastEpoch;
    private final int source;
    private final boolean exploited;
    private final ImmutableMap<String, Double> values;
    private final double score;
    private final ImmutableMap<Integer, Double> epochScores;
    private final @Nullable String checkpoint;
    private final @Nullable String failure;
    private final int attempt;
    private final ImmutableMap<String, Object> extras;

    MemberRecord(
            int member,
            int generation,
            int firstEpoch,
            int lastEpoch,
            int source,
            boolean exploited,
            Map<String, Double> values,
            double score,
            Map<Integer, Double> epochScores,
            @Nullable String checkpoint,
            @Nullable String failure,
            int attempt,
            Map<String, Object> extras) {
        this.member = member;
        this.generation = generation;
        this.firstEpoch = firstEpoch;
        this.lastEpoch = lastEpoch;
        this.source = source;
        this.exploited = exploited;
        this.values = ImmutableMap.copyOf(values);
        this.score = score;
        this.epochScores = ImmutableMap.copyOf(epochScores);
        this.checkpoint = checkpoint;
        this.failure = failure;
        this.attempt = attempt;
        this.extras = ImmutableMap.copyOf(extras);
    }

    public int member() {
        return member;
    }

    public int generation() {
        return generation;
    }

    /** Epochs done before the step. */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The step's last epoch, inclusive. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The member whose weights (of the previous generation) this step started from; -1 in generation 0. */
    public int source() {
        return source;
    }

    /** Whether the member copied another member's weights before the step (an exploit). */
    public boolean exploited() {
        return exploited;
    }

    /** The hyperparameters of the step. */
    public Map<String, Double> values() {
        return values;
    }

    /** The objective after the step; NaN if it failed. */
    public double score() {
        return score;
    }

    /** The objective after each of the step's epochs. */
    public Map<Integer, Double> epochScores() {
        return epochScores;
    }

    public Optional<String> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /** Why the step failed, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** Which try of the step this is (0: the first; more when a worker died during an earlier one). */
    public int attempt() {
        return attempt;
    }

    /** Figures the trainer kept with the step. */
    public Map<String, Object> extras() {
        return extras;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member", (long) member);
        m.put("generation", (long) generation);
        m.put("first_epoch", (long) firstEpoch);
        m.put("last_epoch", (long) lastEpoch);
        m.put("source", (long) source);
        m.put("exploited", exploited);
        m.put("values", new LinkedHashMap<String, Object>(values));
        if (failure == null) {
            m.put("score", score);
        } else {
            m.put("failure", failure);
        }
        Map<String, Object> scores = new LinkedHashMap<>();
        epochScores.forEach((e, s) -> scores.put(Integer.toString(e), s));
        m.put("epoch_scores", scores);
        if (checkpoint != null) {
            m.put("checkpoint", checkpoint);
        }
        m.put("attempt", (long) attempt);
        m.put("extras", new LinkedHashMap<String, Object>(extras));
        return m;
    }

    @SuppressWarnings("unchecked")
    static MemberRecord fromJson(Object json) {
        Map<String, @Nullable Object> m = (Map<String, @Nullable Object>) json;
        Map<String, Double> values = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("values")).forEach((k, v) -> values.put(k, ((Number) v).doubleValue()));
        Map<Integer, Double> scores = new LinkedHashMap<>();
        Object es = m.get("epoch_scores");
        if (es != null) {
            ((Map<String, Object>) es).forEach((k, v) -> scores.put(Integer.parseInt(k), ((Number) v).doubleValue()));
        }
        Object extras = m.get("extras");
        Object score = m.get("score");
        return new MemberRecord(
                integer(m.get("member")),
                integer(m.get("generation")),
                integer(m.get("first_epoch")),
                integer(m.get("last_epoch")),
                integer(m.get("source")),
                Boolean.TRUE.equals(m.get("exploited")),
                values,
                score == null ? Double.NaN : ((Number) score).doubleValue(),
                scores,
                (String) m.get("checkpoint"),
                (String) m.get("failure"),
                integer(m.get("attempt")),
                extras == null ? Map.of() : (Map<String, Object>) extras);
    }

    static int integer(@Nullable Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof MemberRecord && normalized().equals(((MemberRecord) o).normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    /** The record as a study stores it, so that a record equals itself read back. */
    private @Nullable Object normalized() {
        return Json.normalize(toJson(), "member record");
    }

    @Override
    public String toString() {
        return "member " + member + " generation " + generation + " (epochs " + (firstEpoch + 1) + "-" + lastEpoch
                + (exploited ? ", copied member " + source : "") + ") " + values
                + (failure == null ? ": score " + score : ": failed: " + failure);
    }
}
