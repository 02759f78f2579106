package dev.schedtune.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code schedtune}: without a subcommand it prints the overview. */
@Command(
        name = "schedtune",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Learning-rate schedules as data: look at them, export them, tune them.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {
            "",
            "Exit codes: 0 done, 2 bad input (the message names the option or config field), 1 other failure.",
            "Config format: docs/config-format.md"
        })
public final class Root implements Runnable {
    private final CliContext context;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    Root(CliContext context) {
        this.context = context;
    }

    /** The shared state, for subcommands ({@code @ParentCommand Root root}). */
    public CliContext context() {
        return context;
    }

    /** slf4j-simple's level property (default in simplelogger.properties: error). */
    static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "On errors, also print the chain of causes (and stack traces of internal errors);"
                    + " also show the libraries' log (HikariCP, DJL) from INFO up.")
    void verbose(boolean verbose) {
        context.verbose(verbose);
        // read by slf4j-simple when the first logger is made, after the arguments are parsed; a level the
        // user gave with -D wins
        if (verbose && System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "info");
        }
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "missing COMMAND (one of "
                        + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
