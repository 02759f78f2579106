package dev.schedtune.cli;

import dev.schedtune.dsl.spec.KindRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the picocli entry point in-process and captures what it prints. */
final class CliRunner {
    record Result(int code, String out, String err) {}

    private final KindRegistry registry;

    CliRunner(KindRegistry registry) {
        this.registry = registry;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SchedtuneCli.create(new PrintWriter(out), new PrintWriter(err), registry)
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
