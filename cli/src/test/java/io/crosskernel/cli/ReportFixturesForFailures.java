package io.crosskernel.cli;

import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ArrivalReport;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.MissCauses;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.util.List;
import java.util.Map;

/** A hand-made report of a run whose process-mode kernel was killed and restarted. */
public final class ReportFixturesForFailures {
    private ReportFixturesForFailures() {
    }

    public static RunReport withFailure() {
        LatencySummary latency = new LatencySummary(3, 1_000, 1_000, 2_000, 3_000, 3_000, 3_000, 2_000);
        List<KernelReport> kernels = List.of(
                new KernelReport("ingest", "general", List.of(0), List.of(List.of(0)), true, "backoff", 6, 0, 3, 3,
                        0, 0, 0, 0.5, latency, LatencySummary.EMPTY, Map.of()),
                new KernelReport("middle", "general", List.of(1), List.of(List.of(1)), true, "backoff", 2, 0, 3, 2,
                        0, 0, 0, 0.5, latency, LatencySummary.EMPTY, Map.of(), io.crosskernel.hypervisor.report
                        .HiccupSummary.NONE, List.of(), "process", 4321L, "ZGC"));
        WorkloadReport orders = new WorkloadReport("orders", "stream", "every 1ms",
                new ArrivalReport("poisson", 1000.0, null, 0L, null, null, null, null), null,
                List.of("ingest", "middle", "ingest"), 3, 2, 0, 0, 0, 0, 0, 2.0, latency, LatencySummary.EMPTY,
                List.of(new StageReport(0, "ingest", latency)), true, new MissCauses(0, 0, 0, 0, 0), 1, 0);
        KernelFailure failure = new KernelFailure("middle", 1234, "died: killed by signal 9 (SIGKILL)",
                "running, run open; taken 3, passed on 1, finished 0, dropped 0", 2_000_000L, "restart", 1, 1, 4321L,
                900_000_000L);
        return new RunReport("restarted", null, 7, 1_000_000_000L, 0, -1, kernels,
                List.of(new ChannelReport("ingest", "middle", 256, "retry", 3, 3, 0, 0, 0, 1, 3, 3, true)),
                List.of(orders), new Accounting(true, true, 0, List.of()), List.of(), 0, List.of(), 0, List.of(),
                List.of(), null, null, null, List.of(failure));
    }
}
