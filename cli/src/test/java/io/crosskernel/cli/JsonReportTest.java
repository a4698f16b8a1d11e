package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.crosskernel.hypervisor.report.Accounting;
import io.crosskernel.hypervisor.report.ArrivalReport;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.ExpectationResult;
import io.crosskernel.hypervisor.report.KernelFailure;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.SimulationInfo;
import io.crosskernel.hypervisor.report.StageReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON report users build on: every kernel type's figures are numbers in it, and the published schema both
 * accepts what a run writes and catches a figure that is missing, mistyped or unknown.
 */
@Timeout(120)
class JsonReportTest {
    /** Every built-in kernel type, each with work, in half a second on any 2-core machine. */
    private static final String EVERY_KERNEL_TYPE = "name: every-type\nduration: 500ms\nseed: 5\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 30s}\n"
            + "kernels:\n"
            + "  - {name: rt, type: realtime, cores: [1], idle: busy-spin}\n"
            + "  - {name: net, type: io, cores: [0], settings: {udpPort: 0, tcpPort: 0}}\n"
            + "  - {name: store, type: storage, cores: [0], settings: {dir: 'DATA', keys: 1000}}\n"
            + "  - {name: crunch, type: compute, cores: [0], idle: park}\n"
            + "  - {name: app, type: general, cores: [0]}\n"
            + "workload:\n"
            + "  - {name: control, periodic: {period: 1ms}, kernel: rt, cost: 20us}\n"
            + "  - name: orders\n    stream: {rate: 2k/s, arrival: poisson}\n    deadline: 50ms\n"
            + "    stages: [{kernel: net, cost: 1us}, {kernel: store, op: put, size: 256B}, {kernel: app, cost: 1us}]\n"
            + "  - {name: jobs, stream: {rate: 200/s}, kernel: crunch, cost: 100us}\n"
            + "  - {name: spike, burst: {at: 100ms, count: 50}, kernel: app, cost: 1us}\n"
            + "  - name: datagrams\n    ingress: {protocol: udp}\n    stages: [{kernel: net, cost: 1us}]\n"
            + "  - name: frames\n    ingress: {protocol: tcp}\n    stages: [{kernel: net, cost: 1us}]\n"
            + "expect:\n  - \"accounting.balanced == true\"\n  - \"control.lateness.p99 < 1ms\"\n";

    private static JsonNode report;

    @BeforeAll
    static void runEveryKernelType(@TempDir Path dir) throws IOException {
        Path scenario = Files.writeString(dir.resolve("every-type.yaml"),
                EVERY_KERNEL_TYPE.replace("DATA", dir.resolve("data").toString().replace('\\', '/')));
        Path json = dir.resolve("report.json");
        XkConsole console = new XkConsole();

        int code = console.run("run", scenario.toString(), "--json-report", json.toString(), "--quiet");

        // On a busy shared machine the lateness bound may fail: the report is written either way.
        assertThat(code).as(console.out() + console.err()).isIn(Xk.OK, Xk.EXPECTATION_FAILED);
        report = ReportSchema.assertValid(json);
    }

    @Test
    void startsWithTheSchemaVersionAndHoldsEveryKernelTypesFiguresAsNumbers() {
        assertThat(report.fieldNames().next()).isEqualTo("schemaVersion");
        assertThat(report.path("schemaVersion").asText()).isEqualTo(JsonReport.SCHEMA_VERSION);

        JsonNode control = workload("control");
        JsonNode rt = kernel("rt").path("details");
        assertThat(rt.path("policy").asText()).isEqualTo("edf");
        assertThat(rt.path("utilisation").isNumber()).isTrue();
        JsonNode task = rt.path("tasks").get(0);
        assertThat(task.path("name").asText()).isEqualTo("control");
        assertThat(task.path("periodNanos").asLong()).isEqualTo(1_000_000);
        assertThat(task.path("released").isIntegralNumber()).isTrue();
        assertThat(task.path("released").asLong()).isEqualTo(control.path("generated").asLong()).isPositive();
        assertThat(task.path("deadlineMisses").isIntegralNumber()).isTrue();
        assertThat(task.path("latenessNanos").path("count").asLong()).isEqualTo(task.path("released").asLong());
        assertThat(task.path("latenessNanos").path("max").asLong())
                .isGreaterThanOrEqualTo(task.path("latenessNanos").path("p99").asLong());

        JsonNode net = kernel("net").path("details");
        assertThat(net.path("udp").path("port").asInt()).isPositive();
        assertThat(net.path("tcp").path("port").asInt()).isPositive();
        JsonNode orders = workload("orders");
        assertThat(kernel("store").path("details").path("puts").asLong())
                .isEqualTo(orders.path("completed").asLong()).isPositive();
        assertThat(kernel("crunch").path("details").path("batchesCompleted").asLong())
                .isEqualTo(workload("jobs").path("completed").asLong()).isPositive();
        assertThat(kernel("app").path("details").size()).isZero();

        assertThat(orders.path("arrivals").path("pattern").asText()).isEqualTo("poisson");
        assertThat(orders.path("arrivals").path("ratePerSecond").asDouble()).isEqualTo(2000.0);
        assertThat(orders.path("deadlineNanos").asLong()).isEqualTo(50_000_000);
        assertThat(workload("spike").path("arrivals").path("count").asLong()).isEqualTo(50);
        assertThat(workload("datagrams").path("arrivals").path("protocol").asText()).isEqualTo("udp");
        assertThat(orders.path("stageLatencies")).hasSize(3);
        assertThat(orders.path("e2eNanos").path("min").asLong())
                .isLessThanOrEqualTo(orders.path("e2eNanos").path("p50").asLong()).isPositive();
        JsonNode lateness = report.path("expectations").get(1);
        assertThat(lateness.path("actual").asDouble()).isEqualTo(control.path("latenessNanos").path("p99").asDouble());
    }

    @Test
    void theSchemaIsAValidDraft2020_12Schema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(metaSchema.validate(ReportSchema.read(ReportSchema.FILE))).isEmpty();
    }

    @Test
    void theSchemaCatchesAMissingMistypedOrUnknownFigure() {
        assertThat(violations(r -> ((ObjectNode) r.path("kernels").get(0).path("latencyNanos")).remove("p99")))
                .anySatisfy(v -> assertThat(v).contains("p99"));
        assertThat(violations(r -> ((ObjectNode) task(r)).put("released", "11001")))
                .anySatisfy(v -> assertThat(v).contains("released"));
        assertThat(violations(r -> ((ObjectNode) task(r)).put("task control", "released 11001, misses 110")))
                .anySatisfy(v -> assertThat(v).contains("task control"));
        assertThat(violations(r -> ((ObjectNode) detailsOf(r, "rt")).remove("policy")))
                .anySatisfy(v -> assertThat(v).contains("policy"));
        assertThat(violations(r -> ((ObjectNode) task(r)).remove("latenessNanos")))
                .anySatisfy(v -> assertThat(v).contains("latenessNanos"));
        assertThat(violations(r -> ((ObjectNode) detailsOf(r, "store")).put("puts", 1.5)))
                .anySatisfy(v -> assertThat(v).contains("puts"));
        assertThat(violations(r -> ((ObjectNode) detailsOf(r, "net").path("udp")).remove("port")))
                .anySatisfy(v -> assertThat(v).contains("port"));
        assertThat(violations(r -> ((ObjectNode) r.path("workloads").get(0)).put("throughputPerSecond", "964/s")))
                .anySatisfy(v -> assertThat(v).contains("throughputPerSecond"));
        assertThat(violations(r -> ((ObjectNode) r.path("workloads").get(0).path("arrivals")).putNull("pattern")))
                .isNotEmpty();
        assertThat(violations(r -> ((ObjectNode) r).put("undocumentedFigure", 1)))
                .anySatisfy(v -> assertThat(v).contains("undocumentedFigure"));
        assertThat(violations(r -> ((ObjectNode) r).put("schemaVersion", "2.0"))).isNotEmpty();
        assertThat(violations(r -> ((ArrayNode) r.path("channels")).addObject().put("from", "rt")))
                .anySatisfy(v -> assertThat(v).contains("required"));
    }

    @Test
    void aKernelThatCouldNotReportItsFiguresHasNone() {
        for (String kernel : List.of("rt", "net", "store", "crunch", "app")) {
            assertThat(violations(r -> ((ObjectNode) find(r.path("kernels"), kernel)).putObject("details")))
                    .as(kernel).isEmpty();
        }
    }

    @Test
    void aPluginKernelsFiguresFollowTheGeneralRules() {
        ObjectNode plugin = ((ObjectNode) report.path("kernels").get(0).deepCopy()).put("type", "fpga");
        ObjectNode details = plugin.putObject("details");
        details.put("bitstream", "v2").putArray("lanes").addObject().put("name", "l0").put("busyNanos", 12);
        assertThat(violations(r -> ((ArrayNode) r.path("kernels")).add(plugin.deepCopy()))).isEmpty();

        details.put("lane 0", 3);
        assertThat(violations(r -> ((ArrayNode) r.path("kernels")).add(plugin.deepCopy())))
                .anySatisfy(v -> assertThat(v).contains("lane 0"));
    }

    @Test
    void everyComponentOfTheReportRecordsIsAFieldOfTheSchema() {
        JsonNode schema = ReportSchema.read(ReportSchema.FILE);
        JsonNode defs = schema.path("$defs");
        List<String> top = new java.util.ArrayList<>(concat("schemaVersion", concat("mode",
                components(RunReport.class))));
        top.add("shardGroups"); // derived from the kernels' reports (RunReport.shardGroups()), written last
        assertThat(fieldsOf(schema)).containsExactlyElementsOf(top);
        assertThat(fieldsOf(defs.path("shardGroup"))).containsExactlyElementsOf(components(
                io.crosskernel.hypervisor.report.ShardGroupReport.class));
        assertThat(fieldsOf(defs.path("shardGroup").path("properties").path("shards").path("items")))
                .containsExactlyElementsOf(components(io.crosskernel.hypervisor.report.ShardGroupReport.Shard.class));
        assertThat(fieldsOf(defs.path("shardGroup").path("properties").path("hotKeys").path("items")))
                .containsExactlyElementsOf(components(
                        io.crosskernel.hypervisor.report.ShardGroupReport.HotKey.class));
        assertThat(fieldsOf(defs.path("shardGroup").path("properties").path("reshard").path("oneOf").get(1)))
                .containsExactlyElementsOf(components(
                        io.crosskernel.hypervisor.report.ShardGroupReport.Reshard.class));
        assertThat(fieldsOf(defs.path("simulation"))).containsExactlyElementsOf(components(SimulationInfo.class));
        assertThat(fieldsOf(defs.path("kernel"))).containsExactlyElementsOf(components(KernelReport.class));
        assertThat(fieldsOf(defs.path("channel"))).containsExactlyElementsOf(components(ChannelReport.class));
        assertThat(fieldsOf(defs.path("workload"))).containsExactlyElementsOf(components(WorkloadReport.class));
        assertThat(fieldsOf(defs.path("workload").path("properties").path("stageLatencies").path("items")))
                .containsExactlyElementsOf(components(StageReport.class));
        assertThat(fieldsOf(defs.path("arrivals"))).containsExactlyElementsOf(components(ArrivalReport.class));
        assertThat(fieldsOf(defs.path("latencySummary"))).containsExactlyElementsOf(components(LatencySummary.class));
        assertThat(fieldsOf(defs.path("accounting"))).containsExactlyElementsOf(components(Accounting.class));
        assertThat(fieldsOf(defs.path("expectation")))
                .containsExactlyElementsOf(components(ExpectationResult.class));
        assertThat(fieldsOf(defs.path("kernelFailure"))).containsExactlyElementsOf(components(KernelFailure.class));
    }

    @Test
    void aKernelFailureIsAnEntryOfKernelFailures() {
        ObjectNode restarted = JsonReport.toJson(ReportFixturesForFailures.withFailure()).deepCopy();
        assertThat(ReportSchema.violations(restarted)).isEmpty();
        JsonNode failure = restarted.path("kernelFailures").get(0);
        assertThat(failure.path("cause").asText()).isEqualTo("died: killed by signal 9 (SIGKILL)");
        assertThat(failure.path("restartedPid").asLong()).isEqualTo(4321);
        assertThat(failure.path("firstTaskAfterRestartNanos").asLong()).isEqualTo(900_000_000L);
        assertThat(find(restarted.path("kernels"), "middle").path("collector").asText()).isEqualTo("ZGC");
        assertThat(find(restarted.path("kernels"), "ingest").path("collector").isNull()).isTrue();

        assertThat(violations(r -> ((ArrayNode) r.path("kernelFailures")).addObject().put("kernel", "app")))
                .isNotEmpty();
        assertThat(violations(r -> ((ArrayNode) r.path("kernelFailures")).add(failure.deepCopy()))).isEmpty();
    }

    @Test
    void theTextReportSaysWhatFailedAndWhatTheHostDid() {
        String text = TextReport.render(ReportFixturesForFailures.withFailure());

        assertThat(text).contains("Kernel 'middle' ran in process 4321, collector ZGC")
                .contains("Kernel failures (onKernelFailure: what the host did)")
                .contains("kernel 'middle' (process 1234) died: killed by signal 9 (SIGKILL); 1 request lost in crash;"
                        + " detected after 2ms; restart as process 4321, first task done 900ms after detection")
                .contains("it was running, run open; taken 3, passed on 1, finished 0, dropped 0")
                .contains("workload orders: lost in crash 1, dropped for a failed kernel 0");
    }

    private static JsonNode kernel(String name) {
        return find(report.path("kernels"), name);
    }

    private static JsonNode workload(String name) {
        return find(report.path("workloads"), name);
    }

    /** The object of {@code items} (a report's kernels, channels or workloads) whose {@code name} is {@code name}. */
    static JsonNode find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + items);
    }

    private static JsonNode detailsOf(JsonNode root, String kernel) {
        return find(root.path("kernels"), kernel).path("details");
    }

    private static JsonNode task(JsonNode root) {
        return detailsOf(root, "rt").path("tasks").get(0);
    }

    /** The schema's complaints about a copy of the run's report changed by {@code change}. */
    private static List<String> violations(Consumer<JsonNode> change) {
        JsonNode copy = report.deepCopy();
        change.accept(copy);
        return ReportSchema.violations(copy);
    }

    /** The property names a schema object declares, in order; each must also be required. */
    private static List<String> fieldsOf(JsonNode objectSchema) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = objectSchema.path("properties").fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        List<String> required = new ArrayList<>();
        objectSchema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).as("required").containsExactlyInAnyOrderElementsOf(names);
        assertThat(objectSchema.path("additionalProperties").asBoolean(true)).as("additionalProperties").isFalse();
        return names;
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
