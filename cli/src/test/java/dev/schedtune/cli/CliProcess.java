package dev.schedtune.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a real {@code schedtune} process on this JVM's classpath, for the fault tests. */
public final class CliProcess {
    private CliProcess() {}

    /** {@code java [jvmOptions] -cp CLASSPATH dev.schedtune.cli.Main args...}. */
    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.schedtune.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** As {@link #command(List, String...)}, started by {@code setsid}: in a process group of its own, which a
     * test signals as a terminal's Ctrl-C does ({@code kill -INT -- -PID}). */
    public static List<String> inOwnGroup(String... args) {
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(command(List.of(), args));
        return cmd;
    }
}
