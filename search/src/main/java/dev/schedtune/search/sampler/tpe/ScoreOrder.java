package dev.schedtune.search.sampler.tpe;

import java.util.Arrays;

/**
 * Trials sorted by a two-part key (lexicographic), ties broken by trial number, as Optuna's stable
 * {@code argsort} over trials in number order: insertion O(n) by block move, the best k in O(k).
 */
final class ScoreOrder {
    private double[] first = new double[16];
    private double[] second = new double[16];
    private int[] numbers = new int[16];
    private int size;

    void add(double key1, double key2, int trialNumber) {
        if (size == numbers.length) {
            first = Arrays.copyOf(first, size * 2);
            second = Arrays.copyOf(second, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
        }
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(first[mid], second[mid], numbers[mid], key1, key2, trialNumber)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(first, lo, first, lo + 1, size - lo);
        System.arraycopy(second, lo, second, lo + 1, size - lo);
        System.arraycopy(numbers, lo, numbers, lo + 1, size - lo);
        first[lo] = key1;
        second[lo] = key2;
        numbers[lo] = trialNumber;
        size++;
    }

    private static boolean before(double a1, double a2, int an, double b1, double b2, int bn) {
        int c = Double.compare(a1, b1);
        if (c != 0) {
            return c < 0;
        }
        c = Double.compare(a2, b2);
        if (c != 0) {
            return c < 0;
        }
        return an < bn;
    }

    int size() {
        return size;
    }

    /** Trial number of the i-th best entry. */
    int numberAt(int i) {
        return numbers[i];
    }
}
