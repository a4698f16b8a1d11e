package io.crosskernel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crosskernel.hypervisor.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
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
    static final String SCHEMA_VERSION = "1.0";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as the JSON tree the file holds. */
    static ObjectNode toJson(RunReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.setAll((ObjectNode) MAPPER.valueToTree(report));
        return root;
    }

    static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), toJson(report));
    }
}
