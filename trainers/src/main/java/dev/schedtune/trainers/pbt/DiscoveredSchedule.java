package dev.schedtune.trainers.pbt;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.Doubles;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.search.pbt.MemberRecord;
import dev.schedtune.search.pbt.MemberStep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A hyperparameter history as a schedule set: one {@code piecewise_constant} per hyperparameter, in
 * optimizer steps, holding each segment's value over its epochs. It is both what a member trains with
 * (its history so far, in the run's global step numbering, so a resumed run sees the same values as an
 * uninterrupted one) and, for the final best member's lineage, the discovered schedule: plain data that
 * {@code plot}, {@code curve} and {@code export --to pytorch} read, and that retrains from scratch.
 */
public final class DiscoveredSchedule {
    private DiscoveredSchedule() {}

    /**
     * The schedule set of {@code segments} (consecutive, the first starting at epoch 0) at {@code
     * stepsPerEpoch} optimizer steps per epoch; equal neighbouring values are merged into one piece.
     *
     * @throws IllegalArgumentException if the segments are empty, not consecutive or disagree on names
     */
    public static ScheduleSet of(List<MemberStep.Segment> segments, int stepsPerEpoch) {
        checkArgument(!segments.isEmpty(), "a discovered schedule needs at least one segment");
        checkArgument(stepsPerEpoch >= 1, "stepsPerEpoch (%s) must be >= 1", stepsPerEpoch);
        Set<String> names = new LinkedHashSet<>(segments.get(0).values().keySet());
        int epoch = 0;
        for (MemberStep.Segment s : segments) {
            checkArgument(
                    s.firstEpoch() == epoch, "segment %s must start where the previous one ended (epoch %s)", s, epoch);
            checkArgument(s.values().keySet().equals(names), "segment %s must set exactly %s", s, names);
            epoch = s.lastEpoch();
        }
        ScheduleSet.Builder set = ScheduleSet.builder();
        for (String name : names) {
            List<Double> boundaries = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            values.add(segments.get(0).values().get(name));
            for (int i = 1; i < segments.size(); i++) {
                double v = segments.get(i).values().get(name);
                if (v != values.get(values.size() - 1)) {
                    boundaries.add((double) segments.get(i).firstEpoch() * stepsPerEpoch);
                    values.add(v);
                }
            }
            set.put(name, Schedules.piecewiseConstant(Doubles.toArray(boundaries), Doubles.toArray(values)));
        }
        return set.build();
    }

    /** The schedule set the steps of {@code lineage} (in generation order, as {@code Population#lineage}) trained with. */
    public static ScheduleSet ofLineage(List<MemberRecord> lineage, int stepsPerEpoch) {
        List<MemberStep.Segment> segments = new ArrayList<>();
        for (MemberRecord r : lineage) {
            segments.add(new MemberStep.Segment(r.firstEpoch(), r.lastEpoch(), r.values()));
        }
        return of(segments, stepsPerEpoch);
    }
}
