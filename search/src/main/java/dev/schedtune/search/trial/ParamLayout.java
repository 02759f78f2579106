package dev.schedtune.search.trial;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import dev.schedtune.search.distribution.Distribution;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameter names and distributions of a trial, in suggestion order, shared by every compacted trial
 * with the same ones (most trials of a study): a compacted trial keeps only a {@code double[]} of its own.
 * Layouts are interned weakly, so a layout no trial uses any more is collected.
 */
final class ParamLayout {
    private static final Interner<ParamLayout> LAYOUTS = Interners.newWeakInterner();
    private static final Interner<String> NAMES = Interners.newWeakInterner();

    final String[] names;
    final Distribution[] distributions;
    final Map<String, Distribution> distributionMap;
    private final int hash;

    private ParamLayout(String[] names, Distribution[] distributions) {
        this.names = names;
        this.distributions = distributions;
        Map<String, Distribution> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], distributions[i]);
        }
        this.distributionMap = Collections.unmodifiableMap(m);
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(distributions);
    }

    /**
     * The layout returned last: consecutive trials of a study nearly always have the same one, and
     * comparing with it is much cheaper than building a candidate and looking it up in the interner (which
     * would return this very instance, as it is strongly reachable from here).
     */
    private static volatile @Nullable ParamLayout last;

    /** The shared layout of a trial's distributions (in their iteration order). */
    static ParamLayout of(Map<String, Distribution> distributions) {
        ParamLayout recent = last;
        if (recent != null && recent.sameAs(distributions)) {
            return recent;
        }
        ParamLayout layout = intern(distributions);
        last = layout;
        return layout;
    }

    private boolean sameAs(Map<String, Distribution> distributions) {
        if (distributions.size() != names.length) {
            return false;
        }
        int i = 0;
        for (Map.Entry<String, Distribution> e : distributions.entrySet()) {
            if (!names[i].equals(e.getKey()) || !this.distributions[i].equals(e.getValue())) {
                return false;
            }
            i++;
        }
        return true;
    }

    private static ParamLayout intern(Map<String, Distribution> distributions) {
        String[] names = new String[distributions.size()];
        Distribution[] dists = new Distribution[names.length];
        int i = 0;
        for (Map.Entry<String, Distribution> e : distributions.entrySet()) {
            names[i] = NAMES.intern(e.getKey());
            dists[i] = e.getValue();
            i++;
        }
        return LAYOUTS.intern(new ParamLayout(names, dists));
    }

    /** A name shared by every compacted trial that uses it (attribute keys, categorical values). */
    static String intern(String s) {
        return NAMES.intern(s);
    }

    /** The internal values of {@code internal} (same keys as this layout) as an unmodifiable map over a {@code double[]}. */
    Map<String, Double> values(Map<String, Double> internal) {
        double[] v = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            v[i] = internal.get(names[i]);
        }
        return new Values(this, v);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ParamLayout
                && Arrays.equals(names, ((ParamLayout) o).names)
                && Arrays.equals(distributions, ((ParamLayout) o).distributions);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Internal parameter values by name, in the layout's order; equal to any map with the same entries. */
    private static final class Values extends AbstractMap<String, Double> {
        private final ParamLayout layout;
        private final double[] values;

        Values(ParamLayout layout, double[] values) {
            this.layout = layout;
            this.values = values;
        }

        private int index(@Nullable Object key) {
            String[] names = layout.names;
            for (int i = 0; i < names.length; i++) {
                if (names[i] == key) {
                    return i;
                }
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public @Nullable Double get(@Nullable Object key) {
            int i = index(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public boolean containsKey(@Nullable Object key) {
            return index(key) >= 0;
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Set<Map.Entry<String, Double>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Double>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < values.length;
                        }

                        @Override
                        public Map.Entry<String, Double> next() {
                            if (i >= values.length) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, Double> e =
                                    new AbstractMap.SimpleImmutableEntry<>(layout.names[i], values[i]);
                            i++;
                            return e;
                        }
                    };
                }

                @Override
                public int size() {
                    return values.length;
                }
            };
        }
    }
}
