package dev.schedtune.trainers.tuning;

/** Thrown by a tuning objective when its trial's training diverged and the policy is to fail it. */
public final class TrialDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrialDivergedException(String message) {
        super(message);
    }
}
