package dev.schedtune.search.sampler.jmetal;

/**
 * Thrown by a sampler's per-study state when the study has fewer trials than it has already read: the
 * study was deleted and created again under the same name, so the state must be rebuilt. Samplers catch
 * it, drop the state and retry; it never reaches users.
 */
final class StaleEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StaleEngineException() {
        super("sampler state is older than the study", null, false, false);
    }
}
