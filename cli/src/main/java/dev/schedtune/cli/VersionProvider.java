package dev.schedtune.cli;

import dev.schedtune.dsl.Schedtune;
import dev.schedtune.dsl.config.Configs;
import picocli.CommandLine.IVersionProvider;

/** {@code schedtune --version}: the build's version and the config format it reads and writes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "schedtune " + Schedtune.version(),
            "config format version " + Configs.FORMAT_VERSION,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
