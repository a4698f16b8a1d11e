package io.crosskernel.cli.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetailsModelTest {
    private static final ReportTableModel.CellStyle STYLE =
            new ReportTableModel.CellStyle(" > ", nanos -> nanos + "n", rate -> rate + "/s");
    private static final LatencySummary LATENESS = new LatencySummary(5, 1, 2, 3, 4, 5, 6, 3.5);

    private static KernelReport kernel(Map<String, Object> details) {
        return new KernelReport("rt", "realtime", List.of(1), List.of(List.of(1)), true, "busy-spin", 0, 0, 0, 0, 0,
                0, 0, 0.5, LatencySummary.EMPTY, LatencySummary.EMPTY, details);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void writesTheKernelsFiguresAsWordsWithValuesFormattedByTheirUnit() {
        KernelReport kernel = kernel(map("policy", "edf", "schedulable", true, "utilisation", 0.09,
                "wcrtNanos", null, "udp", map("port", 40124, "ringHighWater", 7, "receivedBytes", 1536),
                "ratePerSecond", 2000.0, "grantedCpus", List.of(0, 1), "tasks", List.of()));

        assertThat(DetailsModel.line(kernel, STYLE)).isEqualTo("policy edf, schedulable yes, utilisation 0.090, "
                + "udp (port 40124, ring high water 7, received 1.5KiB), rate 2000.0/s, granted cpus 0,1, tasks -");
        assertThat(DetailsModel.tables(kernel, STYLE)).as("an empty list is no table").isEmpty();
    }

    @Test
    void aListOfRecordsIsATableWithALatencySummarySpreadOverThreeColumns() {
        KernelReport kernel = kernel(map("policy", "dm", "tasks", List.of(
                map("name", "control", "periodNanos", 1_000_000L, "wcrtNanos", 60_000L, "released", 10L,
                        "latenessNanos", LATENESS),
                map("name", "relay", "periodNanos", 100_000L, "wcrtNanos", null, "released", 3L,
                        "latenessNanos", LatencySummary.EMPTY))));

        List<DetailsModel.Titled> tables = DetailsModel.tables(kernel, STYLE);

        assertThat(DetailsModel.line(kernel, STYLE)).isEqualTo("policy dm");
        assertThat(tables).hasSize(1);
        assertThat(tables.get(0).title()).isEqualTo("rt: tasks");
        ReportTableModel.Table table = tables.get(0).table();
        assertThat(table.headers()).containsExactly("name", ">period", ">wcrt", ">released", ">lateness p50",
                ">lateness p99", ">lateness max");
        assertThat(table.rows()).containsExactly(
                Arrays.asList("control", "1000000n", "60000n", "10", "2n", "4n", "6n"),
                Arrays.asList("relay", "100000n", "-", "3", "-", "-", "-"));
    }

    @Test
    void aLatencySummaryOnTheLineShowsItsPercentiles() {
        KernelReport kernel = kernel(map("waitNanos", LATENESS, "idleNanos", LatencySummary.EMPTY));

        assertThat(DetailsModel.line(kernel, STYLE)).isEqualTo("wait (p50 2n, p99 4n, max 6n), idle -");
    }

    @Test
    void namesAreTheKeysInWordsWithoutTheirUnit() {
        assertThat(DetailsModel.words("ringHighWater")).isEqualTo("ring high water");
        assertThat(DetailsModel.words("executionMaxNanos")).isEqualTo("execution max");
        assertThat(DetailsModel.words("compressedInBytes")).isEqualTo("compressed in");
    }
}
