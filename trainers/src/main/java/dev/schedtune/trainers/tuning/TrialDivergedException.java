package dev.schedtune.trainers.tuning;

import dev.schedtune.search.TrialFailedException;

/** Thrown by a tuning objective when its trial's training diverged and the policy is to fail it. */
public final class TrialDivergedException extends TrialFailedException {
    private static final long serialVersionUID = 1L;

    TrialDivergedException(String message) {
        super(message);
    }
}
