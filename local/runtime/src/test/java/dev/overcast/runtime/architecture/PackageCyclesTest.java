package dev.overcast.runtime.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime sees every module on its class path (core, store, the emulators, the adapters, the
 * functions and itself), so this is where cycles between their packages are caught.
 */
class PackageCyclesTest {

    /** Main code only: the build's test classes and the test-jars that ship contract suites are left out. */
    private static final ImportOption MAIN_CODE_ONLY = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static JavaClasses all;

    @BeforeAll
    static void importEveryModule() {
        all = new ClassFileImporter().withImportOption(MAIN_CODE_ONLY).importPackages("dev.overcast");
    }

    @Test
    void modules_shouldBeFreeOfCycles() {
        slices().matching("dev.overcast.(*)..").should().beFreeOfCycles().check(all);
        slices().matching("dev.overcast.clouds.(*)..").should().beFreeOfCycles().check(all);
        slices().matching("dev.overcast.functions.(*)..").as("the per-cloud and API functions")
                .should().beFreeOfCycles().check(new ClassFileImporter().withImportOption(MAIN_CODE_ONLY)
                        .importPackages("dev.overcast.functions.aws", "dev.overcast.functions.gcp", "dev.overcast.functions.azure",
                                "dev.overcast.functions.api"));
    }

    /**
     * Package by package, in the modules that have no cycle inside. Still to untangle, so not checked here:
     * each adapter's root package and its {@code internal} package (the clients' shared base reads the
     * adapter's configuration), {@code asl} and {@code asl.task}, cloudsim's fronts and {@code world}, the
     * common functions' root package and its steps, and the runtime's root package (the CLI) and its commands.
     */
    @Test
    void packagesOfModulesWithoutInnerCycles_shouldBeFreeOfCycles() {
        JavaClasses untangled = new ClassFileImporter().withImportOption(MAIN_CODE_ONLY).importPackages("dev.overcast.core",
                "dev.overcast.store", "dev.overcast.dynamodb", "dev.overcast.clouds.kubernetes");

        slices().matching("dev.overcast.(**)").should().beFreeOfCycles().check(untangled);
    }
}
