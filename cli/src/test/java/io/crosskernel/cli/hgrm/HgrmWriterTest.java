package io.crosskernel.cli.hgrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crosskernel.cli.output.OutputFailedException;
import io.crosskernel.hypervisor.report.RunRecordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HgrmWriterTest {
    private static final Pattern HEADER = Pattern.compile("\\s*Value\\s+Percentile\\s+TotalCount\\s+1/\\(1-Percentile\\)");
    private static final Pattern MEAN = Pattern.compile("#\\[Mean\\s+=\\s+([0-9.]+), StdDeviation\\s+=\\s+[0-9.]+]");
    private static final Pattern MAX = Pattern.compile("#\\[Max\\s+=\\s+([0-9.]+), Total count\\s+=\\s+(\\d+)]");

    @TempDir
    Path dir;

    /** What a plotter reads back from a .hgrm file. */
    record Parsed(List<double[]> rows, double mean, double max, long totalCount) {
    }

    static Parsed parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).matches(HEADER);
        List<double[]> rows = new ArrayList<>();
        Double mean = null;
        Double max = null;
        Long total = null;
        for (String line : lines.subList(1, lines.size())) {
            Matcher m;
            if (line.isBlank()) {
                continue;
            } else if ((m = MEAN.matcher(line)).matches()) {
                mean = Double.parseDouble(m.group(1));
            } else if ((m = MAX.matcher(line)).matches()) {
                max = Double.parseDouble(m.group(1));
                total = Long.parseLong(m.group(2));
            } else if (!line.startsWith("#")) {
                String[] columns = line.trim().split("\\s+");
                assertThat(columns.length).as(line).isBetween(3, 4);
                double[] row = new double[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    row[i] = Double.parseDouble(columns[i]);
                }
                rows.add(row);
            }
        }
        assertThat(mean).as("#[Mean footer").isNotNull();
        assertThat(max).as("#[Max footer").isNotNull();
        return new Parsed(rows, mean, max, total);
    }

    private static Histogram histogram(long... nanos) {
        Histogram histogram = new Histogram(3);
        for (long value : nanos) {
            histogram.recordValue(value);
        }
        return histogram;
    }

    @Test
    void writesAParsableFilePerKernelAndRouteInMicroseconds() throws IOException {
        Map<String, Histogram> latency = new LinkedHashMap<>();
        latency.put("ingest", histogram(1_000, 2_000, 3_000));
        latency.put("idle", new Histogram(3));
        RunRecordings recordings = new RunRecordings(List.of(), latency, Map.of("ingest", histogram(500)),
                Map.of("orders", histogram(10_000, 20_000)));
        Path out = dir.resolve("new/hgrm");

        List<Path> files = HgrmWriter.write(recordings, out);

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("ingest.latency.hgrm", "ingest.lateness.hgrm", "route-orders.e2e.hgrm");
        Parsed ingest = parse(out.resolve("ingest.latency.hgrm"));
        assertThat(ingest.mean()).isCloseTo(2.0, within(0.01));
        assertThat(ingest.max()).isCloseTo(3.0, within(0.01));
        assertThat(ingest.totalCount()).isEqualTo(3);
        double[] last = ingest.rows().get(ingest.rows().size() - 1);
        assertThat(last[1]).isEqualTo(1.0);
        assertThat(last[2]).isEqualTo(3);
        assertThat(ingest.rows().get(0)[0]).isCloseTo(1.0, within(0.01));
        for (int i = 1; i < ingest.rows().size(); i++) {
            assertThat(ingest.rows().get(i)[1]).isGreaterThanOrEqualTo(ingest.rows().get(i - 1)[1]);
        }
        Parsed orders = parse(out.resolve("route-orders.e2e.hgrm"));
        assertThat(orders.max()).isCloseTo(20.0, within(0.05));
        assertThat(out.resolve("idle.latency.hgrm")).doesNotExist();
    }

    @Test
    void fileNamesAreSanitisedAndNeverCollide() throws IOException {
        assertThat(HgrmWriter.fileName("a/b c")).isEqualTo("a_b_c");
        assertThat(HgrmWriter.fileName("../etc")).isEqualTo("_._etc");
        assertThat(HgrmWriter.fileName(".hidden")).isEqualTo("_hidden");
        assertThat(HgrmWriter.fileName("")).isEqualTo("_");
        assertThat(HgrmWriter.fileName("ok-name_1.x")).isEqualTo("ok-name_1.x");
        assertThat(HgrmWriter.fileName("x".repeat(500))).hasSize(100);

        Map<String, Histogram> latency = new LinkedHashMap<>();
        latency.put("a b", histogram(1));
        latency.put("a/b", histogram(2));
        latency.put("A_B", histogram(3));
        List<Path> files = HgrmWriter.write(new RunRecordings(List.of(), latency, Map.of(), Map.of()), dir);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("a_b.latency.hgrm", "a_b-2.latency.hgrm", "A_B-3.latency.hgrm");
        assertThat(files).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(dir));
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsNamingTheFileAndLeavesNothingBehind() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        RunRecordings recordings = new RunRecordings(List.of(), Map.of("k", histogram(1)), Map.of(), Map.of());

        assertThatThrownBy(() -> HgrmWriter.write(recordings, file.resolve("below")))
                .isInstanceOf(OutputFailedException.class)
                .hasMessage("cannot write the HdrHistogram file " + file.resolve("below/k.latency.hgrm")
                        + ": not a directory");
        assertThat(dir).isDirectoryContaining(p -> p.getFileName().toString().equals("plain"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals("plain"));
    }
}
