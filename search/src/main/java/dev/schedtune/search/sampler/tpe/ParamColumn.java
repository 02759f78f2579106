package dev.schedtune.search.sampler.tpe;

import java.util.Arrays;

/**
 * The finished observations of one parameter, kept sorted by value (for univariate bandwidths) and by
 * trial number (for the age-based weights), so each sample costs O(n) and nothing is re-sorted.
 */
final class ParamColumn {
    /** Internal values ascending, with the trial number of each. */
    private double[] values = new double[16];

    private int[] numbersByValue = new int[16];
    /** Trial numbers ascending. */
    private int[] numbers = new int[16];

    private int size;

    void add(int trialNumber, double internal) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            numbersByValue = Arrays.copyOf(numbersByValue, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
        }
        int at = upperBound(values, size, internal);
        System.arraycopy(values, at, values, at + 1, size - at);
        System.arraycopy(numbersByValue, at, numbersByValue, at + 1, size - at);
        values[at] = internal;
        numbersByValue[at] = trialNumber;
        // Trials mostly finish in number order: search from the end.
        int k = size;
        while (k > 0 && numbers[k - 1] > trialNumber) {
            k--;
        }
        System.arraycopy(numbers, k, numbers, k + 1, size - k);
        numbers[k] = trialNumber;
        size++;
    }

    int size() {
        return size;
    }

    double valueAt(int i) {
        return values[i];
    }

    int numberAtValueRank(int i) {
        return numbersByValue[i];
    }

    int numberAt(int chronologicalIndex) {
        return numbers[chronologicalIndex];
    }

    private static int upperBound(double[] a, int n, double key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
