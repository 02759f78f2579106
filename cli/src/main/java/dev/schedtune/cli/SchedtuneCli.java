package dev.schedtune.cli;

import dev.schedtune.cli.dashboard.DashboardCommand;
import dev.schedtune.cli.lrfind.LrFindCommand;
import dev.schedtune.cli.schedule.CurveCommand;
import dev.schedtune.cli.schedule.ExportCommand;
import dev.schedtune.cli.schedule.PlotCommand;
import dev.schedtune.cli.schedule.PresetsCommand;
import dev.schedtune.cli.schedule.ValidateCommand;
import dev.schedtune.cli.study.ReportCommand;
import dev.schedtune.cli.study.ShowCommand;
import dev.schedtune.cli.study.StudiesCommand;
import dev.schedtune.cli.tune.PbtCommand;
import dev.schedtune.cli.tune.ScheduleWorkerJob;
import dev.schedtune.cli.tune.TuneCommand;
import dev.schedtune.cli.worker.BenchmarkJob;
import dev.schedtune.cli.worker.WorkerCommand;
import dev.schedtune.cli.worker.WorkerJob;
import dev.schedtune.dsl.spec.KindRegistry;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Assembles the {@code schedtune} command line: the root, every subcommand, and one error-handling path.
 *
 * <p>To add a subcommand, write a picocli {@code @Command} class (give it a constructor taking a {@link
 * CliContext} if it needs the registry or the verbose flag) and list it in {@link #SUBCOMMANDS}. Throw
 * {@link UserError} (or {@code IllegalArgumentException}, or a config exception) for bad input; the shared
 * handler prints the message and exits 2.
 *
 * <p>To let {@code schedtune worker} run another kind of study, store what it needs with the study when it
 * is created, write a {@link WorkerJob} that recognises it, and list it in {@link #workerJobs}. The list
 * lives here, at the top, so that {@code worker} knows no command and the commands that create studies
 * ({@code tune}) depend on {@code worker}, not the other way round.
 */
public final class SchedtuneCli {
    /** Every subcommand, in the order {@code --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CurveCommand.class,
            PlotCommand.class,
            ExportCommand.class,
            ValidateCommand.class,
            PresetsCommand.class,
            TuneCommand.class,
            PbtCommand.class,
            StudiesCommand.class,
            ShowCommand.class,
            ReportCommand.class,
            DashboardCommand.class,
            WorkerCommand.class,
            LrFindCommand.class,
            CommandLine.HelpCommand.class);

    private SchedtuneCli() {}

    /** The command line with the built-in kinds, printing to {@code out} and {@code err}. */
    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, KindRegistry.builtIn());
    }

    /** The kinds of studies {@code schedtune worker} runs, tried in order. */
    static List<WorkerJob> workerJobs(KindRegistry registry) {
        return List.of(new BenchmarkJob(), new ScheduleWorkerJob(registry));
    }

    /** The command line with the kinds of {@code registry} (tests and embedders use their own). */
    public static CommandLine create(PrintWriter out, PrintWriter err, KindRegistry registry) {
        CliContext context = new CliContext(registry, workerJobs(registry));
        CommandLine.IFactory factory = new ContextFactory(context);
        CommandLine cli = new CommandLine(new Root(context), factory);
        for (Class<?> sub : SUBCOMMANDS) {
            cli.addSubcommand(sub);
        }
        ErrorHandler errors = new ErrorHandler(context);
        cli.setOut(out)
                .setErr(err)
                .setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setExecutionStrategy(parsed -> {
                    // `schedtune NAME --help`: picocli prints the root's help for an unknown NAME; refuse it
                    if (!parsed.hasSubcommand() && !parsed.unmatched().isEmpty()) {
                        String first = parsed.unmatched().get(0);
                        if (!first.startsWith("-")) {
                            return ErrorHandler.unknownCommand(cli, first);
                        }
                    }
                    return new CommandLine.RunLast().execute(parsed);
                })
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors);
        return cli;
    }

    /** Makes commands, passing the shared {@link CliContext} to constructors that take one. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CliContext.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(context));
                }
            }
            return fallback.create(type);
        }
    }
}
