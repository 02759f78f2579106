package dev.schedtune.examples;

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
 * The packages of the module depend on each other one way only (search's test: the root is a slice too).
 *
 * <p>The Java examples ({@code dev.schedtune.examples}) and the Kotlin ones ({@code
 * dev.schedtune.examples.kotlin}) are separate programs: neither may need the other.
 */
class PackageCyclesTest {
    private static final String ROOT = "dev.schedtune.examples";

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
        assertThat(MAIN).as("classes imported from %s", ROOT).hasSizeGreaterThan(5);
        var result = slices().assignedFrom(PACKAGES).should().beFreeOfCycles().evaluate(MAIN);
        assertThat(result.getFailureReport().getDetails()).as("package cycles").isEmpty();
    }
}
