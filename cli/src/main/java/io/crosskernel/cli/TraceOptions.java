package io.crosskernel.cli;

import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.trace.TraceResult;
import io.crosskernel.hypervisor.trace.TraceSession;
import io.crosskernel.hypervisor.trace.TraceSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code xk run}'s tracing options: validates them, opens the run's trace session, writes the traces. */
final class TraceOptions {
    @Option(names = "--trace-out", paramLabel = "FILE",
            description = "Trace a sample of requests hop by hop and write them to FILE (JSON lines); read it with "
                    + "'xk trace FILE'.")
    Path traceOut;

    @Option(names = "--trace-sample", paramLabel = "RATE",
            description = "Fraction of requests --trace-out traces: 0.01 or 1%% (default 1%%), at most 1.")
    String traceSample;

    @Option(names = "--trace-capacity", paramLabel = "HOPS",
            description = "Hops each kernel's dispatcher can record (default 65536); more are counted as lost.")
    Integer traceCapacity;

    /** @return the run's trace session, or null without --trace-out; bad trace options are bad input */
    TraceSession open() {
        if (traceOut == null) {
            if (traceSample != null || traceCapacity != null) {
                throw new BadInputException("--trace-sample and --trace-capacity need --trace-out FILE");
            }
            return null;
        }
        double rate = traceSample == null ? TraceSettings.DEFAULT_SAMPLE_RATE : TraceSampleRate.parse(traceSample);
        int capacity = traceCapacity == null ? TraceSettings.DEFAULT_CAPACITY_PER_WORKER : traceCapacity;
        if (capacity < 1) {
            throw new BadInputException("--trace-capacity must be at least 1 hop, got " + capacity);
        }
        return new TraceSession(new TraceSettings(rate, capacity));
    }

    /** After the run: writes what {@code tracing} collected to the --trace-out file and says what was lost. */
    void write(TraceSession tracing, Scenario scenario, PrintWriter out) {
        TraceResult traces = tracing.collect(scenario.workloads().stream().map(WorkloadDecl::route).toList());
        TraceFile.write(traces.traces(), traceOut);
        long complete = traces.traces().stream().filter(t -> t.complete()).count();
        out.println(traces.traces().size() + " traces (" + complete + " complete, sample "
                + TraceSampleRate.format(traces.sampleRate()) + ") written to " + traceOut);
        if (traces.hopsLost() > 0) {
            out.println("warning: " + traces.hopsLost() + " hops were lost to full trace buffers ("
                    + String.join("; ", traces.fullBuffers()) + "): raise --trace-capacity or lower --trace-sample");
        }
    }
}
