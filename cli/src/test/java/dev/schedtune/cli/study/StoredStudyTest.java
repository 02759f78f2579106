package dev.schedtune.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schedtune.cli.tune.config.StudyConfigReader;
import dev.schedtune.dsl.spec.KindRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoredStudyTest {
    @Test
    void theDefaultStorageIsWhereTheBuiltInStudyWritesItsStudy() {
        Path output = StudyConfigReader.defaultStudy(KindRegistry.builtIn()).output();
        assertThat(Path.of(StoredStudy.DEFAULT_STORAGE)).isEqualTo(output.resolve("study.db"));
    }
}
