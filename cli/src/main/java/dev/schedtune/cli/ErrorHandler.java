package dev.schedtune.cli;

import dev.schedtune.dsl.config.ConfigException;
import dev.schedtune.dsl.spec.Suggestions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become messages and exit codes, for every subcommand. Bad input (command
 * line, config, files) prints {@code error: <message>} and exits 2; anything else is an internal error
 * (exit 1). Stack traces appear only with {@code --verbose}, and only for internal errors.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler, IExitCodeExceptionMapper {
    private final CliContext context;

    ErrorHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (e instanceof CommandLine.UnmatchedArgumentException u && cmd.getParent() == null) {
            String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
            if (!first.isEmpty() && !first.startsWith("-")) {
                return unknownCommand(cmd, first);
            }
        }
        err.println("error: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /**
     * {@code schedtune NAME} where NAME is no command (also with {@code --help} after it, which would
     * otherwise print the root's help and exit 0): exit 2 with the closest command's name.
     */
    static int unknownCommand(CommandLine root, String name) {
        PrintWriter err = root.getErr();
        err.println("error: unknown command '" + name + "'"
                + Suggestions.didYouMean(name, root.getSubcommands().keySet()));
        err.println("Run '" + root.getCommandName() + " --help' for the commands.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        cmd.getOut().flush();
        int code = getExitCode(e);
        if (code == ExitCodes.BAD_INPUT) {
            err.println("error: " + message(e));
            if (context.verbose()) {
                causes(err, e);
            }
        } else {
            err.println("internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (context.verbose()) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for details, and please report it)");
            }
        }
        err.flush();
        return code;
    }

    @Override
    public int getExitCode(Throwable e) {
        if (e instanceof UserError
                || e instanceof ConfigException
                || e instanceof IllegalArgumentException
                || e instanceof IOException
                || e instanceof UncheckedIOException
                || e instanceof ParameterException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return message(e.getCause());
        }
        if (e instanceof NoSuchFileException) {
            return ((NoSuchFileException) e).getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return ((AccessDeniedException) e).getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            return f.getFile() + ": " + (f.getReason() == null ? e.getClass().getSimpleName() : f.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void causes(PrintWriter err, Throwable e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            err.println("  caused by: " + c.getClass().getName() + ": " + c.getMessage());
        }
    }
}
