package dev.schedtune.search.storage;

import dev.schedtune.search.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Re-running the parameters of a trial whose worker died, with the semantics of Optuna's {@code
 * RetryFailedTrialCallback}: the retry is a new WAITING trial with the failed trial's parameters (as
 * Optuna's {@code fixed_params}), user attributes and system attributes, plus
 *
 * <ul>
 *   <li>{@value #FAILED_TRIAL_KEY}: the number of the <em>first</em> trial of the series (kept from the
 *       failed trial if it was itself a retry);
 *   <li>{@value #RETRY_HISTORY_KEY}: the numbers of every earlier trial of the series, oldest first.
 * </ul>
 *
 * A trial is retried while its history is at most {@code maxRetries} long: with {@code maxRetries = 1} a
 * trial runs at most twice. For storage implementations, which create the retry in the transaction that
 * marks the trial FAIL, so a retry is never lost nor made twice.
 */
public final class Retries {
    /** System attribute of a retry: the number of the first failed trial of its series (Optuna's key). */
    public static final String FAILED_TRIAL_KEY = "failed_trial";
    /** System attribute of a retry: the numbers of the failed trials of its series (Optuna's key). */
    public static final String RETRY_HISTORY_KEY = "retry_history";
    /**
     * Study system attribute: how many retries have been enqueued. A trial budget ({@code numberLimit} of
     * {@link Storage#createTrial}) grows by this count, since each retry takes the place of a failed trial.
     */
    public static final String RETRIES_KEY = "schedtune:retries";

    private Retries() {}

    /** {@code numberLimit} extended by the {@code retries} enqueued so far, without overflow. */
    public static int extendedLimit(int numberLimit, long retries) {
        return numberLimit == Integer.MAX_VALUE
                ? numberLimit
                : (int) Math.min(Integer.MAX_VALUE, numberLimit + retries);
    }

    /** The attributes of a trial to enqueue. */
    public record Retry(Map<String, @Nullable Object> userAttrs, Map<String, @Nullable Object> systemAttrs) {}

    /**
     * The retry of {@code failed}, or empty if its series has been retried {@code maxRetries} times already.
     */
    public static Optional<Retry> of(FrozenTrial failed, int maxRetries) {
        List<@Nullable Object> history = new ArrayList<>();
        Object earlier = failed.systemAttrs().get(RETRY_HISTORY_KEY);
        if (earlier instanceof List<?>) {
            history.addAll((List<?>) earlier);
        }
        history.add((long) failed.number());
        if (history.size() > maxRetries) {
            return Optional.empty();
        }
        Map<String, @Nullable Object> system = new LinkedHashMap<>();
        system.put(FAILED_TRIAL_KEY, (long) failed.number());
        failed.systemAttrs().forEach((k, v) -> {
            if (!k.equals(FrozenTrial.FAIL_REASON_KEY) && !k.equals(FrozenTrial.CONSTRAINTS_KEY)) {
                system.put(k, v);
            }
        });
        system.put(RETRY_HISTORY_KEY, java.util.Collections.unmodifiableList(history));
        Map<String, @Nullable Object> fixed = new LinkedHashMap<>();
        Object enqueued = failed.systemAttrs().get(FrozenTrial.FIXED_PARAMS_KEY);
        if (enqueued instanceof Map<?, ?>) {
            ((Map<?, ?>) enqueued).forEach((k, v) -> fixed.put(String.valueOf(k), v));
        }
        fixed.putAll(failed.params());
        system.put(FrozenTrial.FIXED_PARAMS_KEY, java.util.Collections.unmodifiableMap(fixed));
        return Optional.of(new Retry(failed.userAttrs(), system));
    }
}
