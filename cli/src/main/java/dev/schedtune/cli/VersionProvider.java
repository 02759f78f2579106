package dev.schedtune.cli;

import dev.schedtune.dsl.config.Configs;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code schedtune --version}: the build's version and the config format it reads and writes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/schedtune-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "schedtune " + p.getProperty("version", "(development build)"),
            "config format version " + Configs.FORMAT_VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
