package dev.schedtune.trainers.pbt;

import com.google.common.primitives.Doubles;
import com.google.common.primitives.Longs;
import dev.schedtune.trainers.tuning.Confirmation;
import java.util.List;
import java.util.Locale;

/**
 * Does the discovered schedule transfer? The final best PBT member's test-split accuracy (its own
 * checkpoint) next to the schedule retrained from scratch with fresh seeds: the replay transfers when
 * the member lies within two standard errors of the replays' mean.
 */
public final class ReplayCheck {
    private final double memberAccuracy;
    private final double memberLoss;
    private final List<Long> seeds;
    private final double[] accuracies;
    private final double[] losses;

    ReplayCheck(double memberAccuracy, double memberLoss, List<Long> seeds, double[] accuracies, double[] losses) {
        this.memberAccuracy = memberAccuracy;
        this.memberLoss = memberLoss;
        this.seeds = List.copyOf(seeds);
        this.accuracies = accuracies.clone();
        this.losses = losses.clone();
    }

    /** The PBT member's test accuracy. */
    public double memberAccuracy() {
        return memberAccuracy;
    }

    /** The PBT member's test loss. */
    public double memberLoss() {
        return memberLoss;
    }

    /** The replays' training seeds, in order. */
    public List<Long> seeds() {
        return seeds;
    }

    /** The replays' test accuracies, by seed (NaN for a run that diverged). */
    public List<Double> accuracies() {
        return Doubles.asList(accuracies.clone());
    }

    /** The replays' test losses, by seed. */
    public List<Double> losses() {
        return Doubles.asList(losses.clone());
    }

    /** Mean, spread and standard error of the replays' test accuracy. */
    public Confirmation.Stats replayAccuracy() {
        return Confirmation.Stats.of(accuracies);
    }

    /** Whether the member's accuracy is within two standard errors of the replays' mean (false with < 2 replays). */
    public boolean transfers() {
        Confirmation.Stats s = replayAccuracy();
        return s.n() >= 2 && Math.abs(memberAccuracy - s.mean()) <= 2 * s.standardError();
    }

    @Override
    public String toString() {
        Confirmation.Stats s = replayAccuracy();
        return String.format(
                Locale.ROOT,
                "PBT member test accuracy %.4f; discovered schedule from scratch (seeds %s) %.4f ± %.4f (SE); %s",
                memberAccuracy,
                Longs.join(", ", Longs.toArray(seeds)),
                s.mean(),
                s.standardError(),
                transfers() ? "within 2 SE: it transfers" : "not within 2 SE");
    }
}
