package io.crosskernel.cli;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.Units;
import io.crosskernel.cli.html.RecordingsKeeper;
import io.crosskernel.cli.prometheus.MetricsEndpoint;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.host.RunInterruption;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.hypervisor.report.ExpectationEvaluator;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.trace.TraceSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xk run}: boots the scenario's kernels, runs its workload, drains and reports.
 *
 * <p>Every option is checked before anything runs (bad input exits 2 before the first kernel boots), and so is every
 * path the run will write ({@link RunOutputs}); the outputs are written after the report, each whole or not at all,
 * and one that cannot be written makes the run exit 3.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Runs a scenario: boots its kernels on their cores, drives the workload for its duration, "
                + "drains, and prints a report.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario YAML file.")
    Path scenarioFile;

    @Option(names = "--duration", paramLabel = "D",
            description = "Override the scenario's duration (e.g. 3s, 500ms); the warm-up is kept.")
    String duration;

    @Option(names = "--interrupt-drain", paramLabel = "D", defaultValue = "2s",
            description = "After a first SIGINT/SIGTERM, drain in-flight work for at most D (default 2s) before "
                    + "reporting; a second signal skips the drain. The exit code is then 130 (SIGINT) or 143 "
                    + "(SIGTERM).")
    String interruptDrain;

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

    @Option(names = "--quiet", description = "No progress lines while running; the report is still printed.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Live progress: ansi (a table redrawn in place), plain (one line a second) or auto "
                    + "(ansi on a terminal, plain otherwise; default).")
    String progress;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    TraceOptions trace;

    @Mixin
    JournalOptions journalOptions;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioLoader loader = new ScenarioLoader();
        ScenarioLoader.Loaded loaded = loader.load(scenarioFile);
        Scenario scenario = withDurationOverride(loaded.scenario());
        RunInterruption interruption = new RunInterruption(nonNegativeDuration("--interrupt-drain", interruptDrain));
        ScenarioLoader.printWarnings(scenario, spec.commandLine().getErr()); // for the length actually run
        ProgressStyle style = ProgressStyle.choose(progress, System.console() != null, System.getenv("TERM"));
        TraceSession tracing = trace.open();
        new RunOutputs(scenario, loader.types()).jsonReport(jsonReport).htmlReport(htmlReport).hgrm(hgrmDir)
                .jfr(jfrFile).traces(trace.traceOut, tracing)
                .journal(journalOptions.journalDir, journalOptions.payloadMode()).kernelFiles()
                .check(scenarioFile, spec.commandLine().getErr());
        RunJournal journal = journalOptions.open();
        ReportWrites writes = new ReportWrites(spec.commandLine().getErr());

        out.println("crosskernel: running " + scenario.name() + " (" + scenarioFile + ") for "
                + Units.formatNanos(scenario.durationNanos())
                + (scenario.warmupNanos() > 0 ? " after a " + Units.formatNanos(scenario.warmupNanos()) + " warm-up"
                        : ""));
        out.println(loaded.plan().render());
        out.flush();

        String version = Objects.requireNonNullElse(Xk.class.getPackage().getImplementationVersion(), "dev");
        // From here until the last report is written a signal interrupts the run instead of ending the JVM.
        try (InterruptSignals signals = InterruptSignals.install(interruption);
                MetricsEndpoint endpoint = metrics.start(scenario, version, out)) {
            RecordingsKeeper recordings = new RecordingsKeeper();
            List<RunListener> listeners = new ArrayList<>();
            listeners.add(recordings);
            if (endpoint != null) {
                listeners.add(endpoint); // publishes each sample before it is printed
            }
            if (!quiet) {
                listeners.add(new LiveProgress(out, style));
            }
            RunReport report = run(loader, loaded, scenario, RunListener.all(listeners), tracing, journal, interruption,
                    out, writes);

            out.println();
            out.print(TextReport.render(report));
            out.flush();
            if (jsonReport != null) {
                writes.attempt(() -> {
                    JsonReport.write(report, jsonReport);
                    out.println("JSON report written to " + jsonReport);
                });
            }
            ReportFiles.write(report, recordings.recordings(), htmlReport, hgrmDir, out, writes);
            if (tracing != null) {
                writes.attempt(() -> trace.write(tracing, scenario, out));
            }
            if (report.interrupted() != null && signals.exitCode() > 0) {
                return signals.exitCode();
            }
            if (!writes.allWritten() || report.failure() != null || !report.accounting().balanced()) {
                return Xk.RUNTIME_FAILURE;
            }
            return report.expectationsPassed() ? Xk.OK : Xk.EXPECTATION_FAILED;
        }
    }

    /** Runs the scenario (under a JFR recording when asked) and checks its expectations. */
    private RunReport run(ScenarioLoader loader, ScenarioLoader.Loaded loaded, Scenario scenario,
            RunListener listener, TraceSession tracing, RunJournal journal, RunInterruption interruption,
            PrintWriter out, ReportWrites writes) {
        JfrRecording jfr = jfrFile == null ? null : JfrRecording.start(jfrFile);
        RunReport report;
        try {
            report = new Hypervisor(loader.types(), SystemNanoClock.INSTANCE, tracing).run(scenario, loaded.plan(),
                    listener, journal, interruption);
        } finally {
            if (jfr != null) {
                writes.attempt(() -> jfr.stopAndWrite(out));
            }
        }
        if (journal != null) {
            out.println("journal written to " + journalOptions.journalDir + " (payload " + journal.mode().alias()
                    + ")");
        }
        return report.withExpectations(ExpectationEvaluator.evaluate(report, scenario.expectations()));
    }

    private static long nonNegativeDuration(String option, String value) {
        try {
            return Units.parseDurationNanos(value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }

    private Scenario withDurationOverride(Scenario scenario) {
        if (duration == null) {
            return scenario;
        }
        long nanos;
        try {
            nanos = Units.parseDurationNanos(duration);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--duration: " + e.getMessage());
        }
        if (nanos <= 0) {
            throw new BadInputException("--duration must be above zero, got " + duration);
        }
        return scenario.withDuration(nanos);
    }
}
