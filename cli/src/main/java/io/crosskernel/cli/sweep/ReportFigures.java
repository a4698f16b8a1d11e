package io.crosskernel.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what a sweep keeps of a point's JSON report ({@code xk run --json-report}, docs/REPORT.md): per workload the
 * request counts, deadline misses and end-to-end percentiles. Stateless.
 */
public final class ReportFigures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportFigures() {
    }

    /**
     * @param offered the point's offered rate by workload ({@link OfferedLoad#perWorkload()})
     * @throws IOException when the file cannot be read or is not a run report
     */
    public static List<WorkloadFigures> read(Path report, Map<String, Double> offered) throws IOException {
        JsonNode root = MAPPER.readTree(report.toFile());
        if (root == null || !root.path("workloads").isArray()) {
            throw new IOException(report + " is not a run report (it has no workloads)");
        }
        List<WorkloadFigures> figures = new ArrayList<>();
        for (JsonNode workload : root.path("workloads")) {
            String name = workload.path("name").asText();
            long completed = workload.path("completed").asLong();
            long misses = workload.path("deadlineMisses").asLong();
            boolean hasDeadline = workload.hasNonNull("deadlineNanos");
            JsonNode e2e = workload.path("e2eNanos");
            figures.add(new WorkloadFigures(name, offered.getOrDefault(name, 0.0), workload.path("generated").asLong(),
                    completed, workload.path("failed").asLong(), workload.path("dropped").asLong(), misses,
                    hasDeadline && completed > 0 ? (double) misses / completed : null, e2e.path("p50").asLong(),
                    e2e.path("p99").asLong(), e2e.path("p999").asLong(), e2e.path("count").asLong()));
        }
        return figures;
    }
}
