package io.crosskernel.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' layering, checked on the production classes of every module (this module's classpath holds them
 * all): {@code cli → hypervisor-sim → kernel-api}, and the kernels reached only through the {@code KernelFactory}
 * service loader. The one allowed exception is the storage log's offline tools behind {@code xk storage}.
 * docs/ARCHITECTURE.md describes the layers.
 */
class LayeringTest {
    private static JavaClasses production;

    /** Leaves out every module's tests: target/test-classes directories and the kernels' test jar. */
    private static final class ProductionOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(new ProductionOnly()).importPackages("io.crosskernel");
    }

    @Test
    void cliUsesTheHostWhichUsesTheApiAndTheKernelsOnlyThroughTheSpi() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("io.crosskernel.cli..")
                .layer("host").definedBy("io.crosskernel.hypervisor..")
                .layer("kernels").definedBy("io.crosskernel.kernels..")
                .layer("api").definedBy("io.crosskernel.api..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("host").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("kernels").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("cli", "host", "kernels")
                .ignoreDependency(belongToAnyOf(StorageCommand.class), resideInAPackage("io.crosskernel.kernels.storage.."))
                .check(production);
    }

    /**
     * No package of the host or the command line depends on itself through another (each package is a slice). A
     * cycle is how "the journal needs the host needs the journal" creeps in; the listener interface the journal
     * implements lives in the leaf package {@code io.crosskernel.hypervisor.sink} for that reason.
     */
    @Test
    void hostAndCommandLinePackagesAreFreeOfCycles() {
        slices().matching("io.crosskernel.(**)").should().beFreeOfCycles()
                .check(production.that(resideInAnyPackage("io.crosskernel.hypervisor..", "io.crosskernel.cli..")));
    }

    @Test
    void kernelTypesShareCodeOnlyThroughKernelsCommon() {
        for (String kernel : new String[] {"general", "storage", "io", "realtime", "compute"}) {
            noClasses().that().resideInAPackage("io.crosskernel.kernels." + kernel + "..")
                    .should().dependOnClassesThat(resideInAnyOtherKernel(kernel))
                    .because("one kernel type reaches another only through channels; what two share lives in "
                            + "kernels.common")
                    .check(production);
        }
    }

    private static DescribedPredicate<JavaClass> resideInAnyOtherKernel(String kernel) {
        return resideInAPackage("io.crosskernel.kernels..")
                .and(not(resideInAPackage("io.crosskernel.kernels.common..")))
                .and(not(resideInAPackage("io.crosskernel.kernels." + kernel + "..")));
    }
}
