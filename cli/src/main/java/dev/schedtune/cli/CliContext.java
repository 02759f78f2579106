package dev.schedtune.cli;

import dev.schedtune.dsl.spec.KindRegistry;

/** What every subcommand shares: the kinds configs may use, and whether to explain failures in detail. */
public final class CliContext {
    private final KindRegistry registry;
    private boolean verbose;

    CliContext(KindRegistry registry) {
        this.registry = registry;
    }

    /** The kinds that configs may name. */
    public KindRegistry registry() {
        return registry;
    }

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }
}
