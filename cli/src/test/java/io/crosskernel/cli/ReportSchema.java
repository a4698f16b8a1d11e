package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The published report schema, docs/report.schema.json, read from the repository (so the file users get is the one
 * every test checks), and the one assertion every test that writes a JSON report makes with it.
 *
 * <p>Thread-safe: the compiled schema is immutable.
 */
public final class ReportSchema {
    /** The schema file, from the cli module's directory (where Maven runs the tests). */
    public static final Path FILE = Path.of("..", "docs", "report.schema.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(read(FILE));

    private ReportSchema() {
    }

    /**
     * Reads a JSON report and asserts that it follows the schema, listing every violation when it does not.
     *
     * @return the report, for the test's own assertions
     */
    public static JsonNode assertValid(Path report) {
        assertThat(report).as("JSON report").exists();
        JsonNode json = read(report);
        assertThat(violations(json)).as("%s against %s", report, FILE).isEmpty();
        return json;
    }

    /** What is wrong with {@code report} by the schema, one line each ({@code $.kernels[0].details: ...}). */
    public static List<String> violations(JsonNode report) {
        return SCHEMA.validate(report).stream().map(Error::toString).toList();
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as JSON", e);
        }
    }
}
