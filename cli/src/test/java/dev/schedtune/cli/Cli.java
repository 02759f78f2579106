package dev.schedtune.cli;

import dev.schedtune.dsl.spec.KindRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line in-process, for tests in other packages: exit code and what it printed. */
public final class Cli {
    public record Result(int code, String out, String err) {}

    private Cli() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SchedtuneCli.create(new PrintWriter(out), new PrintWriter(err), KindRegistry.builtIn())
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
