package io.crosskernel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.report.RunReport;
import java.nio.file.Path;

/**
 * Writes a {@link RunReport} as JSON: {@link #SCHEMA_VERSION} first, then the record components as keys, nested
 * records as objects. docs/REPORT.md explains every field; docs/report.schema.json is the schema it follows.
 */
final class JsonReport {
    /**
     * The version of the report's format, {@code MAJOR.MINOR}: MINOR grows when fields are added, MAJOR when one is
     * removed, renamed, or changes its type, unit or meaning. Change it with docs/report.schema.json and REPORT.md.
     */
    static final String SCHEMA_VERSION = "1.5";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as the JSON tree the file holds. */
    static ObjectNode toJson(RunReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("mode", report.mode());
        root.setAll((ObjectNode) MAPPER.valueToTree(report));
        root.set("shardGroups", MAPPER.valueToTree(report.shardGroups()));
        return root;
    }

    /** Writes the file whole or not at all ({@link AtomicFile}); parent directories are created. */
    static void write(RunReport report, Path file) {
        AtomicFile.write("the JSON report", file, out -> MAPPER.writeValue(out, toJson(report)));
    }
}
