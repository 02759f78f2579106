package dev.schedtune.search.trial;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of a study's trials, indexed by trial number ({@code get(n).number() == n}), with
 * counts per state.
 *
 * <p>It is a persistent vector: a trie of 32-wide nodes, as in Clojure. {@link #with} copies only the
 * nodes on the path to the changed trial (one per level: 2 up to 1,024 trials, 4 up to a million) and
 * shares all others with this snapshot, so a storage can publish a fresh snapshot after every change at a
 * cost that barely depends on the study's size, and readers get an O(1) snapshot they may keep, index or
 * iterate without locks. Nodes are small on purpose: a storage publishes several snapshots per trial (one
 * per parameter), and copying wide chunks made that the main cost of a trial in memory.
 */
public final class StudyTrials extends AbstractList<FrozenTrial> implements RandomAccess {
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final StudyTrials EMPTY =
            new StudyTrials(new Object[WIDTH], 0, 0, new int[TrialState.values().length]);

    /** Inner nodes hold {@code Object[]} children; leaves (at shift 0) hold the trials. */
    private final Object[] root;
    /** Bits of the trial number below the root's index: 0 for a single leaf, +5 per level. */
    private final int shift;

    private final int size;
    private final int[] counts;

    private StudyTrials(Object[] root, int shift, int size, int[] counts) {
        this.root = root;
        this.shift = shift;
        this.size = size;
        this.counts = counts;
    }

    public static StudyTrials empty() {
        return EMPTY;
    }

    @Override
    public FrozenTrial get(int number) {
        if (number < 0 || number >= size) {
            throw new IndexOutOfBoundsException("no trial number " + number + " among " + size + " trials");
        }
        Object[] node = root;
        for (int level = shift; level > 0; level -= BITS) {
            node = (Object[]) node[(number >>> level) & MASK];
        }
        return (FrozenTrial) node[number & MASK];
    }

    @Override
    public int size() {
        return size;
    }

    /** Number of trials in a state. */
    public int count(TrialState state) {
        return counts[state.ordinal()];
    }

    /** Number of trials not yet finished (RUNNING or WAITING). */
    public int unfinishedCount() {
        return count(TrialState.RUNNING) + count(TrialState.WAITING);
    }

    /**
     * A snapshot with {@code trial} at index {@code trial.number()}: a replacement of an existing trial or
     * an append ({@code number == size()}).
     *
     * @throws IllegalArgumentException if the number would leave a gap
     */
    public StudyTrials with(FrozenTrial trial) {
        int n = trial.number();
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("trial number " + n + " would leave a gap after " + size + " trials");
        }
        int[] newCounts = counts.clone();
        if (n < size) {
            newCounts[get(n).state().ordinal()]--;
        }
        newCounts[trial.state().ordinal()]++;
        Object[] newRoot = root;
        int newShift = shift;
        if (shift + BITS < Integer.SIZE - 1 && (n >>> (shift + BITS)) != 0) {
            // The trie is full: a new root with the old one as its first child.
            newRoot = new Object[WIDTH];
            newRoot[0] = root;
            newShift += BITS;
        }
        return new StudyTrials(set(newRoot, newShift, n, trial), newShift, Math.max(size, n + 1), newCounts);
    }

    private static Object[] set(Object @Nullable [] node, int shift, int n, FrozenTrial trial) {
        Object[] copy = node == null ? new Object[WIDTH] : node.clone();
        if (shift == 0) {
            copy[n & MASK] = trial;
        } else {
            int i = (n >>> shift) & MASK;
            copy[i] = set((Object[]) copy[i], shift - BITS, n, trial);
        }
        return copy;
    }
}
