package dev.schedtune.dsl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.spec.KindRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigsTest {
    private static final KindRegistry REGISTRY = TestKinds.registry();

    private static ScheduleSet yaml(String text) {
        return Configs.parse(text, ConfigFormat.YAML, "c.yaml").buildSet(REGISTRY);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> yamlFails(String text) {
        return assertThatThrownBy(() -> yaml(text)).isInstanceOf(ConfigException.class);
    }

    @Test
    void readsASingleScheduleAsLr() {
        ScheduleSet set = yaml("schedtune: 1\ntype: cosine\ninit_value: 0.1\ndecay_steps: 100\n");
        assertThat(set.names()).containsExactly("lr");
        assertThat(set.valueAt("lr", 0)).isEqualTo(0.1);
        assertThat(set.valueAt("lr", 100)).isEqualTo(0.0);
    }

    @Test
    void readsAScheduleMapAndNestedDocuments() {
        ScheduleSet set = yaml("""
                schedules:
                  lr:
                    type: join
                    schedules:
                      - {type: linear, init_value: 0, end_value: 1, transition_steps: 10}
                      - type: constant
                        value: 1
                    boundaries: [10]
                  momentum: {type: constant, value: 0.9}
                """);
        assertThat(set.names()).containsExactly("lr", "momentum");
        assertThat(set.valueAt("lr", 5)).isEqualTo(0.5);
        assertThat(set.valueAt("lr", 50)).isEqualTo(1.0);
        assertThat(set.valueAt("momentum", 3)).isEqualTo(0.9);
    }

    @Test
    void aKindMakingASetGivesAllItsHyperparameters() {
        ScheduleSet set = Configs.parse(
                        "{\"type\": \"test.OneCycle\", \"max_lr\": 0.3, \"total_steps\": 100}", ConfigFormat.JSON)
                .buildSet(REGISTRY);
        assertThat(set.names()).containsExactly("lr", "momentum");
        assertThat(set.valueAt("lr", 50)).isEqualTo(0.3);
        assertThat(set.valueAt("momentum", 50)).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void jsonAndYamlOfTheSameScheduleAreEqualDocuments() {
        ConfigDocument json = Configs.parse(
                "{\"schedtune\": 1, \"type\": \"cosine\", \"init_value\": 1e-3, \"decay_steps\": 5}",
                ConfigFormat.JSON);
        ConfigDocument yaml = Configs.parse("type: cosine\ninit_value: 1.0e-3\ndecay_steps: 5", ConfigFormat.YAML);
        assertThat(json).isEqualTo(yaml);
    }

    @Test
    void writesAStableKeyOrderInBothFormats() {
        ConfigDocument doc = Configs.parse(
                "schedules: {lr: {type: join, boundaries: [10], schedules: [{type: constant, value: 1},"
                        + " {type: cosine, init_value: 1, decay_steps: 90}]}}",
                ConfigFormat.YAML);
        assertThat(doc.write(ConfigFormat.YAML)).isEqualTo("""
                        schedtune: 1
                        schedules:
                          lr:
                            type: join
                            boundaries: [10]
                            schedules:
                              - type: constant
                                value: 1
                              - type: cosine
                                init_value: 1
                                decay_steps: 90
                        """);
        assertThat(doc.write(ConfigFormat.JSON)).isEqualTo("""
                        {
                          "schedtune": 1,
                          "schedules": {
                            "lr": {
                              "type": "join",
                              "boundaries": [10],
                              "schedules": [
                                {
                                  "type": "constant",
                                  "value": 1
                                },
                                {
                                  "type": "cosine",
                                  "init_value": 1,
                                  "decay_steps": 90
                                }
                              ]
                            }
                          }
                        }
                        """);
        for (ConfigFormat f : ConfigFormat.values()) {
            String text = doc.write(f);
            assertThat(Configs.parse(text, f)).isEqualTo(doc);
            assertThat(Configs.parse(text, f).write(f)).isEqualTo(text);
        }
    }

    @Test
    void stringsThatYamlWouldMisreadAreQuoted() {
        ConfigDocument doc = Configs.parse(
                "{\"type\": \"test.sgdr\", \"cosine_kwargs\": [{\"a\": \"yes\", \"b\": \"1.5\", \"c\": \"x: y\","
                        + " \"d\": \"null\", \"e\": \"multi\\nline\", \"f\": \"plain_word\"}]}",
                ConfigFormat.JSON);
        String yaml = doc.write(ConfigFormat.YAML);
        assertThat(yaml).contains("f: plain_word").contains("a: \"yes\"").contains("b: \"1.5\"");
        assertThat(Configs.parse(yaml, ConfigFormat.YAML)).isEqualTo(doc);
    }

    @Test
    void yaml11BooleansStayText() {
        yamlFails("type: linear\ninit_value: 1\nend_value: 0\ntransition_steps: 3\nstaircase: yes")
                .hasMessage("c.yaml:5:12: $.staircase: got 'yes' (a string); expected true or false");
    }

    @Test
    void unknownTypeAndFieldSuggestTheClosestName() {
        yamlFails("type: cosin\ninit_value: 1\ndecay_steps: 10")
                .hasMessageStartingWith("c.yaml:1:1: $: unknown type 'cosin' (did you mean 'cosine'?)");
        yamlFails("schedules:\n  lr:\n    type: cosine\n    init_value: 1\n    decay_step: 10")
                .hasMessageStartingWith(
                        "c.yaml:5:17: $.schedules.lr.decay_step: unknown field 'decay_step' for type 'cosine'"
                                + " (did you mean 'decay_steps'?)");
    }

    @Test
    void missingWrongTypeAndOutOfRangeValuesNameThePathAndValue() {
        yamlFails("type: cosine\ninit_value: 1")
                .hasMessageStartingWith("c.yaml:1:1: $.decay_steps: missing required field 'decay_steps'");
        yamlFails("type: cosine\ninit_value: high\ndecay_steps: 10")
                .hasMessage("c.yaml:2:13: $.init_value: got 'high' (a string); expected a number, >= 0");
        yamlFails("type: cosine\ninit_value: 1\ndecay_steps: 10.5")
                .hasMessageContaining("$.decay_steps: got 10.5; must be a whole number, > 0");
        yamlFails("type: cosine\ninit_value: 1\ndecay_steps: 10\nalpha: 2")
                .hasMessage("c.yaml:4:8: $.alpha: alpha (2.0) must be in [0, 1]");
        yamlFails("type: cosine\ninit_value: 1\ndecay_steps: 10\nalpha: ~")
                .hasMessageContaining("$.alpha: got null; give a value, or leave the field out to use its default");
    }

    @Test
    void nonIncreasingBoundariesAreRejectedWithThePath() {
        yamlFails("""
                        schedules:
                          lr:
                            type: join
                            schedules: [{type: constant, value: 1}, {type: constant, value: 2}, {type: constant, value: 3}]
                            boundaries: [20, 10]
                        """)
                .hasMessageContaining("c.yaml:5:17: $.schedules.lr.boundaries: boundaries ([20, 10]) must be")
                .hasMessageContaining("boundaries[1] = 10");
    }

    @Test
    void nestedErrorsNameTheFullPath() {
        yamlFails("""
                        schedtune: 1
                        schedules:
                          lr:
                            type: join
                            boundaries: [10]
                            schedules:
                              - {type: constant, value: 1}
                              - {type: cosine, init_value: -1, decay_steps: 5}
                        """)
                .hasMessage("c.yaml:8:36: $.schedules.lr.schedules[1].init_value: init_value (-1.0) must be >= 0");
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        assertThatThrownBy(
                        () -> Configs.parse("{\"type\": \"cosine\",\n \"init_value\": }", ConfigFormat.JSON, "c.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.json:2:16: JSON syntax error: Unexpected character ('}'");
        yamlFails("type: cosine\n init_value: [1, 2\n")
                .hasMessageStartingWith("c.yaml:2:12: YAML syntax error: mapping values are not allowed here");
        yamlFails("type: cosine\ninit_value: 1\ntype: linear")
                .hasMessage("c.yaml:3:1: $.type: field 'type' is given twice");
    }

    @Test
    void versionsNewerThanOursAreRejectedClearly() {
        yamlFails("schedtune: 2\ntype: constant\nvalue: 1")
                .hasMessage("c.yaml:1:12: $.schedtune: config format version 2 is newer than this schedtune"
                        + " understands (at most 1); upgrade schedtune to read it");
        yamlFails("schedtune: \"1\"\ntype: constant\nvalue: 1")
                .hasMessageContaining("$.schedtune: got '1' (a string); expected the format version");
        assertThat(Configs.parse("schedtune: 1\ntype: constant\nvalue: 1", ConfigFormat.YAML)
                        .version())
                .isEqualTo(1);
    }

    @Test
    void theEnvelopeIsChecked() {
        yamlFails("[1, 2]").hasMessageContaining("$: got a list; a config is a map");
        yamlFails("value: 1").hasMessageContaining("$: missing field 'type'");
        yamlFails("typ: constant\nvalue: 1").hasMessageContaining("missing field 'type' (did you mean 'type'?)");
        yamlFails("type: constant\nvalue: 1\nschedules: {}").hasMessageContaining("$.schedules: unknown field");
        yamlFails("schedules: {lr: {type: constant, value: 1}}\nschedule: 3")
                .hasMessageContaining("$.schedule: unknown top-level field 'schedule' (did you mean 'schedules'?)");
        yamlFails("schedules: {}").hasMessageContaining("$.schedules: is empty");
        yamlFails("schedules: {lr: 3}").hasMessageContaining("$.schedules.lr: got 3; expected a schedule document");
        yamlFails("schedules: {1lr: {type: constant, value: 1}}")
                .hasMessageContaining("hyperparameter name '1lr' must be an identifier");
        yamlFails("schedules: {lr: {type: test.OneCycle, max_lr: 1, total_steps: 10}}")
                .hasMessageContaining("$.schedules.lr: kind 'test.OneCycle' makes a schedule set");
        yamlFails("type: 3").hasMessageContaining("$.type: got 3; expected a type name");
        yamlFails("").hasMessageContaining("config is empty");
        yamlFails("type: constant\nvalue: 1\n---\ntype: constant\nvalue: 2")
                .hasMessageContaining("more than one document");
    }

    @Test
    void loadingNeverRunsCodeTagsAndAliasesAreRefused() {
        yamlFails("type: !!python/object/apply:os.system [\"echo hi\"]\nvalue: 1")
                .hasMessageContaining("YAML tag '!!python/object/apply:os.system' is not allowed");
        yamlFails("type: constant\nvalue: !!float 1").hasMessageContaining("YAML tag '!!float' is not allowed");
        yamlFails("a: &x 1\ntype: constant\nvalue: *x").hasMessageContaining("YAML alias '*x' is not supported");
        String laughs = "a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\ntype: constant\nvalue: 1";
        yamlFails(laughs).hasMessageContaining("YAML alias '*a' is not supported");
    }

    @Test
    void hugeAndDeepDocumentsAreRefused() {
        String deep = "[".repeat(500) + "]".repeat(500);
        assertThatThrownBy(() -> Configs.parse(deep, ConfigFormat.JSON))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nesting");
        assertThatThrownBy(() -> Configs.parse(deep, ConfigFormat.YAML))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("esting");
        String huge = "type: constant\nvalue: 1\n# " + "x".repeat(TreeReader.MAX_CHARS);
        yamlFails(huge).hasMessageContaining("at most " + TreeReader.MAX_CHARS);
        StringBuilder wide = new StringBuilder("type: test.sgdr\ncosine_kwargs: [{a: [");
        wide.append("1,".repeat(TreeReader.MAX_NODES)).append("1]}]");
        yamlFails(wide.toString()).hasMessageContaining("more than " + TreeReader.MAX_NODES + " values");
        assertThatThrownBy(() -> Configs.parse(
                        "{\"type\": \"constant\", \"value\": 1" + "0".repeat(1000) + "}", ConfigFormat.JSON))
                .isInstanceOf(ConfigException.class);
        yamlFails("type: constant\nvalue: 123456789012345678901234567890")
                .hasMessageContaining("a whole number must lie between");
    }

    @Test
    void filesAreReadByExtensionAndProblemsNameTheFile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("lr.json");
        Files.writeString(json, "{\"type\": \"constant\", \"value\": 0.5}");
        assertThat(Configs.load(json, REGISTRY).valueAt("lr", 9)).isEqualTo(0.5);
        Path other = dir.resolve("lr.conf");
        Files.writeString(other, "type: constant\nvalue: 0.25\n");
        assertThat(Configs.load(other, REGISTRY).valueAt("lr", 9)).isEqualTo(0.25);
        assertThatThrownBy(() -> Configs.read(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("missing.yaml") + ": no such file");
        Path binary = dir.resolve("bad.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> Configs.read(binary)).hasMessage(binary + ": is not UTF-8 text");
        assertThatThrownBy(() -> Configs.read(dir)).hasMessageContaining("is a directory");
        Path bom = dir.resolve("bom.json");
        Files.write(bom, ("\uFEFF{\"type\": \"constant\", \"value\": 2}").getBytes(StandardCharsets.UTF_8));
        assertThat(Configs.load(bom, REGISTRY).valueAt("lr", 0)).isEqualTo(2.0);
    }

    @Test
    void writingSchedulesThatCannotDescribeThemselvesIsRefused() {
        assertThatThrownBy(() -> Configs.write(ScheduleSet.of(step -> 0.1), ConfigFormat.YAML))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be written as a config");
    }

    @Test
    void aBuiltSetWritesBackToAnEquivalentDocument() {
        ScheduleSet set = yaml("schedules:\n  lr: {type: cosine, init_value: 0.5, decay_steps: 10}\n"
                + "  momentum: {type: constant, value: 0.9}");
        String text = Configs.write(set, ConfigFormat.YAML);
        ScheduleSet back = Configs.parse(text, ConfigFormat.YAML).buildSet(REGISTRY);
        for (long s = 0; s < 20; s++) {
            assertThat(back.valueAt("lr", s)).isEqualTo(set.valueAt("lr", s));
        }
    }

    @Test
    void builtInKindsNameTheBadElementOfAList() {
        assertThatThrownBy(() -> Configs.parse(
                                "type: join\nschedules: [{type: constant, value: 1}, {type: constant, value: 2},"
                                        + " {type: constant, value: 3}]\nboundaries: [200, 100]\n",
                                ConfigFormat.YAML,
                                "j.yaml")
                        .buildSet(KindRegistry.builtIn()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("j.yaml:3:19: $.boundaries[1]: boundaries[1] (100.0) must be >= boundaries[0] (200.0):"
                        + " boundaries must be non-decreasing");
        assertThatThrownBy(() -> Configs.parse("type: torch.OneCycleLR\nmax_lr: -1\ntotal_steps: 10", ConfigFormat.YAML)
                        .buildSet(KindRegistry.builtIn()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("line 2:9: $.max_lr: max_lr (-1.0) must be > 0");
    }
}
