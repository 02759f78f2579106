package dev.schedtune.cli.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --param NAME=VALUE}, for every command that reads a config: the values a template is bound with. */
final class TemplateParams {
    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = "For a template config: the value of a tunable parameter (repeat for each).")
    Map<String, String> values = new LinkedHashMap<>();
}
