package dev.schedtune.trainers.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic train/validation splits: the same data, fraction and seed give the same split on every
 * JVM. Classification splits are stratified (each class keeps its share in both splits).
 */
public final class Splits {
    private Splits() {}

    /**
     * Splits {@code data} into {@code [train, validation]} with {@code round(fraction * n)} validation rows
     * (per class for classification). Both parts keep the original row order.
     */
    public static Dataset[] split(Dataset data, double validationFraction, long seed) {
        checkArgument(
                validationFraction > 0 && validationFraction < 1,
                "validationFraction (%s) must be in (0, 1)",
                validationFraction);
        boolean[] inValidation = new boolean[data.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] group : groups(data)) {
            shuffle(group, random);
            int take = (int) Math.round(validationFraction * group.length);
            for (int i = 0; i < take; i++) {
                inValidation[group[i]] = true;
            }
        }
        int validationRows = 0;
        for (boolean v : inValidation) {
            validationRows += v ? 1 : 0;
        }
        checkArgument(
                validationRows > 0 && validationRows < data.size(),
                "validationFraction (%s) of %s rows leaves an empty split",
                validationFraction,
                (Object) data.size());
        int[] train = new int[data.size() - validationRows];
        int[] validation = new int[validationRows];
        int t = 0;
        int v = 0;
        for (int i = 0; i < inValidation.length; i++) {
            if (inValidation[i]) {
                validation[v++] = i;
            } else {
                train[t++] = i;
            }
        }
        return new Dataset[] {data.rows(train), data.rows(validation)};
    }

    private static List<int[]> groups(Dataset data) {
        List<int[]> groups = new ArrayList<>();
        if (data.type() == TaskType.REGRESSION) {
            int[] all = new int[data.size()];
            Arrays.setAll(all, i -> i);
            groups.add(all);
            return groups;
        }
        int[] counts = new int[data.numOutputs()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.label(i)]++;
        }
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[counts.length];
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            byClass[c][fill[c]++] = i;
        }
        groups.addAll(Arrays.asList(byClass));
        return groups;
    }

    /** Fisher-Yates with a seeded generator. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }
}
