package io.crosskernel.cli.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.crosskernel.cli.Xk;
import io.crosskernel.hypervisor.host.Hypervisor;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No package of the host (hypervisor-sim) or of the command line depends on itself through another: each package
 * is its own slice, and the dependencies between slices must form no cycle. A cycle is how "the journal needs the
 * host needs the journal" creeps in; the listener interface the journal implements lives in the leaf package
 * {@code io.crosskernel.hypervisor.sink} for that reason (docs/ARCHITECTURE.md).
 */
class PackageCycleTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrls(List.of(codeSource(Xk.class), codeSource(Hypervisor.class)));

    /** The module's classes directory or jar: scanning only these two is much faster than the whole classpath. */
    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** The classes come from the reactor's directories or jars; an empty import would pass any rule. */
    @Test
    void importsBothModules() {
        assertThat(PRODUCTION.contain("io.crosskernel.hypervisor.journal.RunJournal")).isTrue();
        assertThat(PRODUCTION.contain("io.crosskernel.hypervisor.host.Hypervisor")).isTrue();
        assertThat(PRODUCTION.contain("io.crosskernel.cli.RunCommand")).isTrue();
    }

    @Test
    void hostAndCommandLinePackagesAreFreeOfCycles() {
        slices().matching("io.crosskernel.(**)").should().beFreeOfCycles().check(PRODUCTION);
    }
}
