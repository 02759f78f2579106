package dev.schedtune.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchedtuneTest {
    @Test
    void theVersionIsThePomsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        // the module's pom names its parent's version, which is the project's
        String parent = pom.substring(pom.indexOf("<parent>"), pom.indexOf("</parent>"));
        String expected = parent.replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        assertThat(Schedtune.version()).isEqualTo(expected).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
