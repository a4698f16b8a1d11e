package io.crosskernel.cli;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.Units;
import io.crosskernel.cli.html.RecordingsKeeper;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.journal.PayloadMode;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.hypervisor.report.ExpectationEvaluator;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.trace.TraceResult;
import io.crosskernel.hypervisor.trace.TraceSession;
import io.crosskernel.hypervisor.trace.TraceSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xk run}: boots the scenario's kernels, runs its workload, drains and reports. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Runs a scenario: boots its kernels on their cores, drives the workload for its duration, "
                + "drains, and prints a report.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario YAML file.")
    Path scenarioFile;

    @Option(names = "--duration", paramLabel = "D",
            description = "Override the scenario's duration (e.g. 3s, 500ms); the warm-up is kept.")
    String duration;

    @Option(names = "--json-report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path jsonReport;

    @Option(names = "--html-report", paramLabel = "FILE",
            description = "Also write a self-contained HTML report with charts (latency percentiles, utilisation, "
                    + "throughput) to FILE.")
    Path htmlReport;

    @Option(names = "--hgrm", paramLabel = "DIR",
            description = "Also write HdrHistogram percentile files (.hgrm, microseconds) per kernel and route "
                    + "into DIR.")
    Path hgrmDir;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Record the run with JDK Flight Recorder (the "
            + "crosskernel.* events with the JVM's GC and safepoint events) and write the recording to FILE.")
    Path jfrFile;

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Journal the run into DIR (new or empty): every cross-kernel message, storage writes, "
                    + "lifecycle events and the final state; read it with 'xk replay DIR' and 'xk journal DIR'.")
    Path journalDir;

    @Option(names = "--journal-payload", paramLabel = "MODE", defaultValue = "digest",
            description = "What the journal keeps of payloads and stored values: none, digest (default) or full.")
    String journalPayload;

    @Option(names = "--quiet", description = "No progress lines while running; the report is still printed.")
    boolean quiet;

    @Option(names = "--trace-out", paramLabel = "FILE",
            description = "Trace a sample of requests hop by hop and write them to FILE (JSON lines); read it with "
                    + "'xk trace FILE'.")
    Path traceOut;

    @Option(names = "--trace-sample", paramLabel = "RATE",
            description = "Fraction of requests --trace-out traces: 0.01 or 1% (default 1%), at most 1.")
    String traceSample;

    @Option(names = "--trace-capacity", paramLabel = "HOPS",
            description = "Hops each kernel's dispatcher can record (default 65536); more are counted as lost.")
    Integer traceCapacity;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioLoader loader = new ScenarioLoader();
        ScenarioLoader.Loaded loaded = loader.load(scenarioFile);
        Scenario scenario = loaded.scenario();
        if (duration != null) {
            long nanos;
            try {
                nanos = Units.parseDurationNanos(duration);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--duration: " + e.getMessage());
            }
            if (nanos <= 0) {
                throw new BadInputException("--duration must be above zero, got " + duration);
            }
            scenario = scenario.withDuration(nanos);
        }
        ReportFiles.check(htmlReport, hgrmDir);
        if (jfrFile != null) {
            JfrRecording.checkWritable(jfrFile);
        }
        TraceSession tracing = traceSession();
        RunJournal journal = openJournal();
        out.println("crosskernel: running " + scenario.name() + " (" + scenarioFile + ") for "
                + Units.formatNanos(scenario.durationNanos())
                + (scenario.warmupNanos() > 0 ? " after a " + Units.formatNanos(scenario.warmupNanos()) + " warm-up"
                        : ""));
        out.println(loaded.plan().render());
        out.flush();

        RecordingsKeeper listener = new RecordingsKeeper(quiet ? RunListener.NONE : new ConsoleListener(out));
        JfrRecording jfr = jfrFile == null ? null : JfrRecording.start(jfrFile);
        RunReport report;
        try {
            report = new Hypervisor(loader.types(), SystemNanoClock.INSTANCE, tracing).run(scenario,
                    loaded.plan(), listener, journal);
        } finally {
            if (jfr != null) {
                jfr.stopAndWrite(out, spec.commandLine().getErr());
            }
        }
        if (journal != null) {
            out.println("journal written to " + journalDir + " (payload " + journal.mode().alias() + ")");
        }
        report = report.withExpectations(ExpectationEvaluator.evaluate(report, scenario.expectations()));

        out.println();
        out.print(TextReport.render(report));
        out.flush();
        if (jsonReport != null) {
            JsonReport.write(report, jsonReport);
            out.println("JSON report written to " + jsonReport);
        }
        ReportFiles.write(report, listener.recordings(), htmlReport, hgrmDir, out);
        if (tracing != null) {
            writeTraces(tracing, scenario, out);
        }
        if (report.failure() != null || !report.accounting().balanced()) {
            return Xk.RUNTIME_FAILURE;
        }
        return report.expectationsPassed() ? Xk.OK : Xk.EXPECTATION_FAILED;
    }

    /** @return the run's trace session, or null without --trace-out; bad trace options are bad input */
    private TraceSession traceSession() {
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

    private void writeTraces(TraceSession tracing, Scenario scenario, PrintWriter out) throws IOException {
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

    /** @return the run's journal, or null without --journal */
    private RunJournal openJournal() {
        PayloadMode mode;
        try {
            mode = PayloadMode.parse(journalPayload);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--journal-payload: " + e.getMessage());
        }
        if (journalDir == null) {
            return null;
        }
        try {
            return RunJournal.create(journalDir, mode, SystemNanoClock.INSTANCE);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--journal: " + e.getMessage());
        }
    }
}
