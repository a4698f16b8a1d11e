package io.crosskernel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a simulated point in this JVM, through {@link Xk#execute} with {@code run} first: the very code path of
 * {@code xk run --sim}. A simulation is one thread in virtual time with nothing pinned and nothing left running when it
 * returns (its run cycle stops everything it started in a finally), so a JVM of its own would only add its start-up
 * to every point. The time limit is not enforced: a simulated run's length is virtual. A signal during the point
 * interrupts it as it would {@code xk run} (exit 130/143).
 */
final class InProcessPoints implements PointRunner {
    @Override
    public int run(List<String> runArguments, Path log, long limitNanos) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(runArguments);
        try (Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
                PrintWriter out = new PrintWriter(file, true)) {
            return Xk.execute(args.toArray(String[]::new), out, out);
        }
    }
}
