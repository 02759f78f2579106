package dev.schedtune.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar schedtune-cli.jar ...}: runs one command and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // a buffered stdout: curves print tens of thousands of lines
        PrintWriter out = new PrintWriter(
                new BufferedWriter(
                        new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                        1 << 16),
                false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = SchedtuneCli.create(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
