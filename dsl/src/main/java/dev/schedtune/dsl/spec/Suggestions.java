package dev.schedtune.dsl.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt names: the closest candidate by edit distance, if close enough. */
public final class Suggestions {
    private Suggestions() {}

    /** The candidate closest to {@code given}, when at most a third of its letters differ. */
    public static Optional<String> closest(String given, Collection<String> candidates) {
        String g = given.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(g, c.toLowerCase(Locale.ROOT))))
                .filter(c -> distance(g, c.toLowerCase(Locale.ROOT)) <= Math.max(2, c.length() / 3));
    }

    /** The text " (did you mean 'x'?)" or the empty string. */
    public static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
