package dev.overcast.core.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Every package of core may depend on others only one way: a cycle would tie two packages into one. */
class PackageCyclesTest {

    @Test
    void corePackages_shouldBeFreeOfCycles() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.overcast.core");

        slices().matching("dev.overcast.(**)").should().beFreeOfCycles().check(core);
    }
}
