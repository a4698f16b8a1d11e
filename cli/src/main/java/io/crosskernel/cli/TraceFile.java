package io.crosskernel.cli;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.trace.Trace;
import io.crosskernel.hypervisor.trace.TraceHop;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trace file of {@code xk run --trace-out}: JSON lines, one {@link Trace} per line, its record components as keys
 * and its hops as an array of {@link TraceHop} objects (times in nanoseconds since the request's release).
 *
 * <p>Not thread-safe; CLI thread only.
 */
final class TraceFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceFile() {
    }

    /** Writes the file whole or not at all ({@link AtomicFile}); parent directories are created. */
    static void write(List<Trace> traces, Path file) {
        AtomicFile.write("the trace file", file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (Trace trace : traces) {
                writer.write(MAPPER.writeValueAsString(trace));
                writer.write('\n');
            }
            writer.flush();
        });
    }

    /** @throws BadInputException when the file is missing, unreadable, or a line is not a trace */
    static List<Trace> read(Path file) {
        List<Trace> traces = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                traces.add(parse(file, number, line));
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("trace file " + file + " does not exist: write one with "
                    + "'xk run SCENARIO --trace-out " + file + "'");
        } catch (IOException e) {
            throw new BadInputException("cannot read trace file " + file + ": " + e.getMessage());
        }
        return traces;
    }

    private static Trace parse(Path file, int number, String line) {
        Trace trace;
        try {
            trace = MAPPER.readValue(line, Trace.class);
        } catch (JsonProcessingException e) {
            throw notATrace(file, number, e instanceof JsonParseException ? "not JSON" : "missing or mistyped fields");
        }
        if (trace == null || trace.route() == null || trace.hops().isEmpty()) {
            throw notATrace(file, number, "no route or no hops");
        }
        for (TraceHop hop : trace.hops()) {
            if (hop == null || hop.kernel() == null || hop.outcome() == null) {
                throw notATrace(file, number, "a hop without kernel or outcome");
            }
        }
        return trace;
    }

    private static BadInputException notATrace(Path file, int number, String why) {
        return new BadInputException(file + " line " + number + " is not a trace (" + why + "): is this a file "
                + "written by 'xk run --trace-out'?");
    }
}
