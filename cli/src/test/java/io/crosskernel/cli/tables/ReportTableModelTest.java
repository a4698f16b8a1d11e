package io.crosskernel.cli.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ArrivalReport;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableModelTest {
    private static final ReportTableModel.CellStyle STYLE =
            new ReportTableModel.CellStyle(" > ", nanos -> nanos + "n", rate -> rate + "/s");

    private static WorkloadReport workload(String name, List<String> stages) {
        LatencySummary e2e = new LatencySummary(3, 5, 5, 6, 7, 8, 9, 6);
        return new WorkloadReport(name, "stream", "every 1ms",
                new ArrivalReport("constant", 1000.0, 1_000_000L, 0L, null, null, null, null), 5_000_000L, stages, 3, 3, 0, 0, 0, 0, 0, 2.5, e2e,
                LatencySummary.EMPTY, stages.stream().map(k -> new StageReport(stages.indexOf(k), k, e2e)).toList(), true);
    }

    private static RunReport report(List<WorkloadReport> workloads) {
        return new RunReport("s", "s.yaml", 1, 1, 0, -1, List.of(),
                List.of(new ChannelReport("a", "b", 8, "retry", 3, 3, 0, 0, 0, 1, 3, 3, true)), workloads,
                new Accounting(true, true, 0, List.of()), List.of(), 0, List.of(), 0, List.of(), List.of(), null, null,
                null);
    }

    @Test
    void writesCellsInTheRenderersStyleAndDashesForEmptyLatencies() {
        RunReport report = report(List.of(workload("pipe", List.of("a", "b"))));

        List<String> row = ReportTableModel.workloads(report, STYLE).rows().get(0);

        assertThat(row).containsExactly("pipe", "stream every 1ms", "a > b", "3", "3", "0", "0", "0", "0", "2.5/s",
                "-", "-", "5n", "7n", "9n");
        assertThat(ReportTableModel.channels(report, STYLE).rows().get(0)).startsWith("a > b", "retry", "8");
    }

    @Test
    void listsStagesOnlyOfWorkloadsWithMoreThanOne() {
        RunReport single = report(List.of(workload("one", List.of("a"))));
        RunReport pipeline = report(List.of(workload("one", List.of("a")), workload("pipe", List.of("a", "b"))));

        assertThat(ReportTableModel.stages(single, STYLE).isEmpty()).isTrue();
        assertThat(ReportTableModel.stages(pipeline, STYLE).rows()).extracting(r -> r.get(0) + "/" + r.get(1))
                .containsExactly("pipe/0", "pipe/1");
    }

    @Test
    void rejectsARowWhoseLengthDiffersFromTheHeaders() {
        assertThatThrownBy(() -> new ReportTableModel.Table(List.of("a", ">b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
