package io.crosskernel.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosskernel.api.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code xk compare A.json B.json}: two JSON reports side by side (a real run against its simulation, a partitioned
 * layout against the monolithic one), with B's figure over A's per kernel, workload and pipeline stage.
 *
 * <p>Kernels, workloads and stages are matched by name (a stage by workload, index and kernel); what only one report
 * has is listed with a dash on the other side. CLI thread only.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Puts two JSON reports (xk run --json-report) side by side, with ratios B/A per kernel, "
                + "workload and stage.")
final class CompareCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] PERCENTILES = {"p50", "p99", "p999", "max"};
    private static final String[] LABELS = {"p50", "p99", "p99.9", "max"};

    @Parameters(index = "0", paramLabel = "A", description = "The first report (the baseline of every ratio).")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "The second report.")
    Path second;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode a = read(first);
        JsonNode b = read(second);
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(first, a, second, b));
        out.flush();
        return Xk.OK;
    }

    static String render(Path firstFile, JsonNode a, Path secondFile, JsonNode b) {
        StringBuilder text = new StringBuilder();
        text.append("A: ").append(firstFile).append(" - ").append(describe(a)).append('\n');
        text.append("B: ").append(secondFile).append(" - ").append(describe(b)).append('\n');
        text.append("ratio: B / A\n");

        text.append("\nKernels (task response time on the kernel)\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header("kernel", "tasks"));
        for (String name : names(a.path("kernels"), b.path("kernels"))) {
            JsonNode ka = find(a.path("kernels"), name);
            JsonNode kb = find(b.path("kernels"), name);
            rows.add(row(name, count(ka, "tasksCompleted"), count(kb, "tasksCompleted"), ka, kb, "latencyNanos"));
        }
        text.append(table(rows));

        text.append("\nWorkloads (end to end: completion minus scheduled release)\n");
        rows = new ArrayList<>();
        rows.add(header("workload", "completed"));
        List<List<String>> misses = new ArrayList<>();
        misses.add(List.of("workload", "misses A", "misses B", "dropped A", "dropped B"));
        for (String name : names(a.path("workloads"), b.path("workloads"))) {
            JsonNode wa = find(a.path("workloads"), name);
            JsonNode wb = find(b.path("workloads"), name);
            rows.add(row(name, count(wa, "completed"), count(wb, "completed"), wa, wb, "e2eNanos"));
            misses.add(List.of(name, count(wa, "deadlineMisses"), count(wb, "deadlineMisses"), count(wa, "dropped"),
                    count(wb, "dropped")));
        }
        text.append(table(rows));
        text.append('\n').append(table(misses));

        text.append("\nPipeline stages (completion minus arrival at the stage's kernel)\n");
        rows = new ArrayList<>();
        rows.add(header("stage", "count"));
        for (String name : names(a.path("workloads"), b.path("workloads"))) {
            JsonNode wa = find(a.path("workloads"), name);
            JsonNode wb = find(b.path("workloads"), name);
            for (String stage : stageKeys(wa, wb)) {
                JsonNode sa = stage(wa, stage);
                JsonNode sb = stage(wb, stage);
                rows.add(row(name + "[" + stage + "]", summaryCount(sa), summaryCount(sb), sa, sb, "latencyNanos"));
            }
        }
        text.append(table(rows));
        return text.toString();
    }

    /** The first row is the header; every column but the first holds figures (right-aligned). */
    private static String table(List<List<String>> rows) {
        List<String> header = rows.get(0);
        String[] headers = new String[header.size()];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = i == 0 ? header.get(i) : ">" + header.get(i);
        }
        TextTable table = new TextTable(headers);
        for (List<String> row : rows.subList(1, rows.size())) {
            table.row(row.toArray());
        }
        return table.render("  ");
    }

    private static String describe(JsonNode report) {
        String mode = report.path("mode").asText("real");
        return report.path("scenario").asText("?") + ", " + mode + ", seed " + report.path("seed").asText("?")
                + ", ran " + Units.formatNanos(report.path("durationNanos").asLong());
    }

    private static List<String> header(String what, String count) {
        List<String> header = new ArrayList<>(List.of(what, count + " A", count + " B"));
        for (String label : LABELS) {
            header.add(label + " A");
            header.add(label + " B");
            header.add("B/A");
        }
        return header;
    }

    private static List<String> row(String name, String countA, String countB, JsonNode a, JsonNode b,
            String summary) {
        List<String> row = new ArrayList<>(List.of(name, countA, countB));
        for (String p : PERCENTILES) {
            JsonNode va = a == null ? null : a.path(summary).get(p);
            JsonNode vb = b == null ? null : b.path(summary).get(p);
            row.add(va == null ? "-" : Units.formatNanos(va.asLong()));
            row.add(vb == null ? "-" : Units.formatNanos(vb.asLong()));
            row.add(ratio(va, vb));
        }
        return row;
    }

    static String ratio(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return "-";
        }
        long x = a.asLong();
        long y = b.asLong();
        if (x == 0) {
            return y == 0 ? "1.00x" : "-";
        }
        return String.format(Locale.ROOT, "%.2fx", (double) y / x);
    }

    private static String count(JsonNode node, String field) {
        return node == null || !node.has(field) ? "-" : node.get(field).asText();
    }

    private static String summaryCount(JsonNode stage) {
        return stage == null ? "-" : stage.path("latencyNanos").path("count").asText("-");
    }

    private static Set<String> names(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : a) {
            names.add(item.path("name").asText());
        }
        for (JsonNode item : b) {
            names.add(item.path("name").asText());
        }
        return names;
    }

    private static JsonNode find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        return null;
    }

    private static Set<String> stageKeys(JsonNode a, JsonNode b) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode w : new JsonNode[] {a, b}) {
            if (w != null) {
                for (JsonNode stage : w.path("stageLatencies")) {
                    keys.add(stage.path("index").asText() + " " + stage.path("kernel").asText());
                }
            }
        }
        return keys;
    }

    private static JsonNode stage(JsonNode workload, String key) {
        if (workload == null) {
            return null;
        }
        for (JsonNode stage : workload.path("stageLatencies")) {
            if ((stage.path("index").asText() + " " + stage.path("kernel").asText()).equals(key)) {
                return stage;
            }
        }
        return null;
    }

    /** @throws BadInputException naming the file (and the line and column of a JSON error) */
    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": there is no such file: write a report with 'xk run SCENARIO "
                    + "--json-report " + file + "'");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage());
        }
        JsonNode report;
        try {
            report = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(file + ":" + (at == null ? 1 : at.getLineNr()) + ":"
                    + (at == null ? 1 : at.getColumnNr()) + ": not JSON (" + e.getOriginalMessage()
                    + "): compare reports written by 'xk run --json-report'");
        }
        if (report == null || !report.isObject() || !report.has("schemaVersion") || !report.path("kernels").isArray()
                || !report.path("workloads").isArray()) {
            throw new BadInputException(file + ":1:1: not a run report (no schemaVersion, kernels and workloads): "
                    + "compare reports written by 'xk run --json-report'");
        }
        return report;
    }
}
