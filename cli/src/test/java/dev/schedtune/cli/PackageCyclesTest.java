package dev.schedtune.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of the module depend on each other one way only (a copy of dsl's test).
 *
 * <p>The pattern makes each package below the root a slice; the root package itself ({@code
 * SchedtuneCli}, {@code UserError}, {@code CliContext}) is the top that wires every command and job
 * together and the few types every command uses, so it is not one of them.
 */
class PackageCyclesTest {
    private static final String ROOT = "dev.schedtune.cli";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void packagesAreFreeOfCycles() {
        assertThat(MAIN).as("classes imported from %s", ROOT).hasSizeGreaterThan(10);
        var result = slices().matching(ROOT + ".(**)").should().beFreeOfCycles().evaluate(MAIN);
        assertThat(result.getFailureReport().getDetails()).as("package cycles").isEmpty();
    }
}
