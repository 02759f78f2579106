package dev.schedtune.search.pbt;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one {@link MemberStep} ended: its score (the study's objective after the step's last epoch), the
 * score after each of its epochs, and the checkpoint it saved; or why it failed.
 */
public final class MemberResult {
    private final double score;
    private final ImmutableMap<Integer, Double> epochScores;
    private final @Nullable String checkpoint;
    private final @Nullable String failure;
    private final ImmutableMap<String, Object> extras;

    private MemberResult(
            double score,
            Map<Integer, Double> epochScores,
            @Nullable String checkpoint,
            @Nullable String failure,
            Map<String, Object> extras) {
        this.score = score;
        this.epochScores = ImmutableMap.copyOf(epochScores);
        this.checkpoint = checkpoint;
        this.failure = failure;
        this.extras = ImmutableMap.copyOf(extras);
    }

    /**
     * A completed step.
     *
     * @param score the objective after the step (finite)
     * @param epochScores the objective after each epoch of the step, by epoch
     * @param checkpoint the checkpoint saved
     * @param extras figures kept with the step in the study (numbers or strings: seconds, accuracies)
     */
    public static MemberResult completed(
            double score, Map<Integer, Double> epochScores, String checkpoint, Map<String, Object> extras) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score (" + score + ") must be finite; report a failed step instead");
        }
        return new MemberResult(score, epochScores, checkpoint, null, extras);
    }

    /** A failed step, with the reason (the member is replaced at the next exploit). */
    public static MemberResult failed(String reason) {
        return new MemberResult(Double.NaN, Map.of(), null, reason, Map.of());
    }

    public boolean isFailed() {
        return failure != null;
    }

    /** The objective after the step; NaN if it failed. */
    public double score() {
        return score;
    }

    public Map<Integer, Double> epochScores() {
        return epochScores;
    }

    public Optional<String> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Map<String, Object> extras() {
        return extras;
    }
}
