package dev.schedtune.search;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The packages of the module depend on each other one way only (dsl's test, with the root as a slice).
 *
 * <p>Unlike dsl's and cli's root, search's root package ({@code Study}, {@code Trial}, {@code
 * StudyBuilder}) is not below-the-API glue that every package may use: samplers, pruners and storages
 * must not see it, so it is a slice of its own here and a sampler importing {@code Study} is a cycle.
 */
class PackageCyclesTest {
    private static final String ROOT = "dev.schedtune.search";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    /** Each package of the module is a slice, the root package included. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            return p.startsWith(ROOT + ".")
                    ? SliceIdentifier.of(p.substring(ROOT.length() + 1))
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + ROOT + ", its root included";
        }
    };

    @Test
    void packagesAreFreeOfCycles() {
        assertThat(MAIN).as("classes imported from %s", ROOT).hasSizeGreaterThan(10);
        var result = slices().assignedFrom(PACKAGES).should().beFreeOfCycles().evaluate(MAIN);
        assertThat(result.getFailureReport().getDetails()).as("package cycles").isEmpty();
    }
}
