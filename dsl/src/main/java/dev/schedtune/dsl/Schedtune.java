package dev.schedtune.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about the schedtune library at run time. */
public final class Schedtune {
    private static final String VERSION = readVersion();

    private Schedtune() {}

    /**
     * The version of the schedtune jars on the classpath, e.g. {@code "0.1.0-SNAPSHOT"} (every module of a
     * release has the same version; the BOM {@code dev.schedtune:schedtune-bom} keeps them together).
     */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Schedtune.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/schedtune/dsl/version.properties is missing from the dsl jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isEmpty() || v.startsWith("$")) {
                throw new IllegalStateException("dev/schedtune/dsl/version.properties holds no version: " + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
