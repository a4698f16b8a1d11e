package io.crosskernel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.report.RunReport;
import java.nio.file.Path;

/** Writes a {@link RunReport} as JSON: record components become keys (see docs/REPORT.md for the schema). */
final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Writes the file whole or not at all ({@link AtomicFile}); parent directories are created. */
    static void write(RunReport report, Path file) {
        AtomicFile.write("the JSON report", file, out -> MAPPER.writeValue(out, report));
    }
}
