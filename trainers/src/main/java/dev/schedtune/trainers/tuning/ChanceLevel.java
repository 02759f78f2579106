package dev.schedtune.trainers.tuning;

import dev.schedtune.trainers.data.Dataset;
import dev.schedtune.trainers.data.Task;
import dev.schedtune.trainers.data.TaskType;

/** The validation loss of the best constant prediction learned from the training split: "learned nothing". */
final class ChanceLevel {
    private ChanceLevel() {}

    /** Cross-entropy of the training split's class frequencies, or the variance around its mean target. */
    static double loss(Task task) {
        Dataset train = task.train();
        Dataset validation = task.validation();
        if (validation.size() == 0 || train.size() == 0) {
            return Double.NaN;
        }
        if (train.type() == TaskType.CLASSIFICATION) {
            double[] counts = new double[train.numOutputs()];
            for (int i = 0; i < train.size(); i++) {
                counts[train.label(i)]++;
            }
            double loss = 0;
            for (int i = 0; i < validation.size(); i++) {
                // a class never seen in training: the constant predictor gives it a tiny probability
                loss -= Math.log(Math.max(counts[validation.label(i)], 1e-3) / train.size());
            }
            return loss / validation.size();
        }
        int k = train.numOutputs();
        double[] mean = new double[k];
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < k; j++) {
                mean[j] += train.target(i, j) / (double) train.size();
            }
        }
        double sum = 0;
        for (int i = 0; i < validation.size(); i++) {
            for (int j = 0; j < k; j++) {
                double d = validation.target(i, j) - mean[j];
                sum += d * d;
            }
        }
        return sum / ((double) validation.size() * k);
    }
}
