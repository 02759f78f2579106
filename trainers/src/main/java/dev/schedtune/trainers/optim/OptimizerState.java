package dev.schedtune.trainers.optim;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A copy, in Java memory, of a {@link ScheduledOptimizer}'s per-parameter state (momentum buffers, Adam
 * moments) and of the bookkeeping that goes with it, so that a run saved at an epoch boundary continues
 * exactly where it stopped ({@link ScheduledOptimizer#saveState()}, {@link ScheduledOptimizer#loadState}).
 * Immutable (the arrays are not copied again: treat them as read-only).
 */
public final class OptimizerState {
    private final ImmutableList<Slot> slots;

    private OptimizerState(List<Slot> slots) {
        this.slots = ImmutableList.copyOf(slots);
    }

    /** A state with the given slots, one per parameter array in the order the optimizer updates them. */
    public static OptimizerState of(List<Slot> slots) {
        return new OptimizerState(slots);
    }

    /** One slot per parameter array (none before the first update). */
    public List<Slot> slots() {
        return slots;
    }

    /** The state of one parameter array. */
    public static final class Slot {
        private final float @Nullable [] first;
        private final float @Nullable [] second;
        private final double scale;

        private Slot(float @Nullable [] first, float @Nullable [] second, double scale) {
            this.first = first;
            this.second = second;
            this.scale = scale;
        }

        /**
         * A slot: {@code first} is SGD's momentum buffer (stored as {@code scale · b}) or Adam's first
         * moment, {@code second} Adam's second moment; null where the optimizer has not made one yet.
         */
        public static Slot of(float @Nullable [] first, float @Nullable [] second, double scale) {
            return new Slot(first, second, scale);
        }

        public float @Nullable [] first() {
            return first;
        }

        public float @Nullable [] second() {
            return second;
        }

        /** The factor SGD's momentum buffer is stored with (1 for Adam). */
        public double scale() {
            return scale;
        }
    }
}
