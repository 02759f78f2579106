package dev.schedtune.search.storage;

import dev.schedtune.search.FrozenTrial;
import dev.schedtune.search.TrialState;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An immutable snapshot of a study's trials, indexed by trial number ({@code get(n).number() == n}), with
 * counts per state.
 *
 * <p>It is a persistent vector: {@link #with} returns a new snapshot that shares all but one chunk with
 * this one, so a storage can publish a fresh snapshot after every change in time independent of the
 * study's size (about {@code CHUNK + n / CHUNK} reference copies), and readers get an O(1) snapshot they
 * may keep, index or iterate without locks.
 */
public final class StudyTrials extends AbstractList<FrozenTrial> implements RandomAccess {
    private static final int SHIFT = 8;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final StudyTrials EMPTY =
            new StudyTrials(new FrozenTrial[0][], 0, new int[TrialState.values().length]);

    private final FrozenTrial[][] chunks;
    private final int size;
    private final int[] counts;

    private StudyTrials(FrozenTrial[][] chunks, int size, int[] counts) {
        this.chunks = chunks;
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
        return chunks[number >>> SHIFT][number & MASK];
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
        int c = n >>> SHIFT;
        FrozenTrial[][] newChunks = c < chunks.length ? chunks.clone() : Arrays.copyOf(chunks, c + 1);
        FrozenTrial[] chunk = c < chunks.length ? chunks[c].clone() : new FrozenTrial[CHUNK];
        chunk[n & MASK] = trial;
        newChunks[c] = chunk;
        return new StudyTrials(newChunks, Math.max(size, n + 1), newCounts);
    }
}
