package io.crosskernel.cli.html;

import io.crosskernel.hypervisor.topology.CpuTopology;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * What the HTML report's header says about where and when it was made (the run itself is in the report). Immutable.
 *
 * @param version     the crosskernel version
 * @param machine     the machine in one line: cores, OS, JVM
 * @param generatedAt when the report was written
 */
public record ReportHeader(String version, String machine, ZonedDateTime generatedAt) {

    /** This machine, now. */
    public static ReportHeader thisMachine(String version) {
        CpuTopology topology = CpuTopology.detect();
        String machine = topology.usableCpus().size() + " usable of " + topology.onlineCpus().size()
                + " online cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new ReportHeader(version, machine, ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
