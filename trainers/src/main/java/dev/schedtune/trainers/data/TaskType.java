package dev.schedtune.trainers.data;

/** What a task asks the model to predict, which fixes its loss. */
public enum TaskType {
    /** One class per row; softmax cross-entropy loss; accuracy is reported. */
    CLASSIFICATION,
    /** Real-valued targets; mean squared error loss; no accuracy. */
    REGRESSION
}
