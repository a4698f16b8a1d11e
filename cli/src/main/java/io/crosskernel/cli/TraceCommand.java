package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.trace.Trace;
import io.crosskernel.hypervisor.trace.TraceHop;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xk trace}: shows sampled requests' paths across kernels from a file written by {@code xk run --trace-out}. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Shows traced requests from a file written by 'xk run --trace-out': one request's path "
                + "across kernels with the time at each stage and between stages, or the slowest requests.",
        footer = {"", "Columns: arrived = when the stage became due (release, or the sender's hop timestamp), "
                + "received = taken off the channel, done = stage finished; all since the request's release. "
                + "at stage = done - received; transit = received - previous hop's done (held + in the channel)."})
final class TraceCommand implements Callable<Integer> {
    static final int DEFAULT_SLOWEST = 10;

    @Parameters(index = "0", paramLabel = "FILE", description = "A trace file (JSON lines) from 'xk run --trace-out'.")
    Path file;

    @ArgGroup(exclusive = true)
    Selection selection;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Selection {
        @Option(names = "--id", paramLabel = "ID", description = "Show the request with this trace id, hop by hop.")
        Long id;

        @Option(names = "--slowest", paramLabel = "N",
                description = "Show the N slowest requests end to end (default when no option: "
                        + DEFAULT_SLOWEST + ").")
        Integer slowest;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Trace> traces = TraceFile.read(file);
        if (selection != null && selection.id != null) {
            List<Trace> matching = traces.stream().filter(t -> t.traceId() == selection.id).toList();
            if (matching.isEmpty()) {
                throw new BadInputException("no trace with id " + selection.id + " in " + file + " (" + traces.size()
                        + " traces; list the slowest with 'xk trace " + file + " --slowest 10')");
            }
            for (Trace trace : matching) {
                out.print(renderPath(trace));
            }
        } else {
            int n = selection != null && selection.slowest != null ? selection.slowest : DEFAULT_SLOWEST;
            if (n < 1) {
                throw new BadInputException("--slowest must be at least 1, got " + n);
            }
            out.print(renderSlowest(traces, n));
        }
        out.flush();
        return Xk.OK;
    }

    /** One request, hop by hop. */
    static String renderPath(Trace trace) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "trace %d (request %d), route %s: %s, end-to-end %s%n",
                trace.traceId(), trace.requestId(), trace.route(), status(trace),
                Units.formatNanos(trace.endToEndNanos())));
        TextTable table = new TextTable(">hop", "kernel", ">stage", ">arrived", ">received", ">done", ">at stage",
                ">transit", "outcome");
        int n = 0;
        for (TraceHop hop : trace.hops()) {
            n++;
            table.row(n, hop.kernel() + "[" + hop.worker() + "]", hop.stage(), Units.formatNanos(hop.arrivedNanos()),
                    Units.formatNanos(hop.receivedNanos()), Units.formatNanos(hop.doneNanos()),
                    Units.formatNanos(hop.atStageNanos()), n == 1 ? "-" : Units.formatNanos(hop.transitNanos()),
                    hop.outcome().name().toLowerCase(Locale.ROOT));
        }
        text.append(table.render("  "));
        return text.toString();
    }

    /** The {@code n} slowest requests end to end, one line each, with the path through kernels. */
    static String renderSlowest(List<Trace> traces, int n) {
        List<Trace> slowest = traces.stream()
                .sorted(Comparator.comparingLong(Trace::endToEndNanos).reversed()).limit(n).toList();
        long complete = traces.stream().filter(Trace::complete).count();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d traces (%d complete); the %d slowest end to end:%n",
                traces.size(), complete, slowest.size()));
        TextTable table = new TextTable(">trace id", "route", ">end-to-end", "status", "path (time at stage)");
        for (Trace trace : slowest) {
            StringBuilder path = new StringBuilder();
            for (TraceHop hop : trace.hops()) {
                if (path.length() > 0) {
                    path.append(" -> ");
                }
                path.append(hop.kernel()).append(' ').append(Units.formatNanos(hop.atStageNanos()));
            }
            table.row(trace.traceId(), trace.route(), Units.formatNanos(trace.endToEndNanos()), status(trace), path);
        }
        text.append(table.render("  "));
        return text.toString();
    }

    private static String status(Trace trace) {
        if (trace.complete()) {
            return "complete";
        }
        TraceHop last = trace.hops().get(trace.hops().size() - 1);
        return "incomplete (" + trace.hops().size() + " of " + trace.stages() + " stages, last "
                + last.outcome().name().toLowerCase(Locale.ROOT) + ")";
    }
}
