package io.crosskernel.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * {@code sweep.json}: a {@link SweepResult} as one JSON object, fields in a fixed order (docs/SWEEPS.md describes
 * each). Stateless.
 */
public final class SweepJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SweepJson() {
    }

    /** The document, ending with a line break. */
    public static String render(SweepResult sweep) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SweepResult.SCHEMA_VERSION);
        root.put("key", sweep.key());
        root.put("range", sweep.range());
        root.put("kind", sweep.kind().name().toLowerCase(Locale.ROOT));
        root.put("spacing", sweep.spacing());
        root.put("mode", sweep.mode());
        if (sweep.seed() == null) {
            root.putNull("seed");
        } else {
            root.put("seed", sweep.seed());
        }
        root.put("duration", sweep.duration());
        root.put("xAxis", sweep.xAxis().field());
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioCurve curve : sweep.curves()) {
            ObjectNode scenario = scenarios.addObject();
            scenario.put("name", curve.name());
            scenario.put("file", curve.file());
            scenario.put("role", curve.against() ? "against" : "scenario");
            ArrayNode points = scenario.putArray("points");
            for (PointResult point : curve.points()) {
                point(points.addObject(), point);
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void point(ObjectNode out, PointResult point) {
        out.put("index", point.index());
        out.put("value", point.value());
        out.put("baseValue", point.baseValue());
        out.put("offeredPerSecond", point.offeredPerSecond());
        out.put("offeredUtilisation", point.offeredUtilisation());
        out.put("status", point.status().alias());
        out.put("exitCode", point.exitCode());
        out.put("report", point.report());
        out.put("problem", point.problem());
        ArrayNode workloads = out.putArray("workloads");
        for (WorkloadFigures w : point.workloads()) {
            ObjectNode item = workloads.addObject();
            item.put("name", w.name());
            item.put("offeredPerSecond", w.offeredPerSecond());
            item.put("generated", w.generated());
            item.put("completed", w.completed());
            item.put("failed", w.failed());
            item.put("dropped", w.dropped());
            item.put("deadlineMisses", w.deadlineMisses());
            if (w.missRate() == null) {
                item.putNull("missRate");
            } else {
                item.put("missRate", w.missRate());
            }
            item.put("latencyCount", w.latencyCount());
            item.put("p50Nanos", w.p50Nanos());
            item.put("p99Nanos", w.p99Nanos());
            item.put("p999Nanos", w.p999Nanos());
        }
    }
}
