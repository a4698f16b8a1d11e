package io.crosskernel.cli;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.Units;
import io.crosskernel.cli.html.RecordingsKeeper;
import io.crosskernel.cli.plugins.KernelPlugins;
import io.crosskernel.cli.plugins.PluginOptions;
import io.crosskernel.cli.prometheus.MetricsEndpoint;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.host.RunInterruption;
import io.crosskernel.hypervisor.journal.JournalDamagedException;
import io.crosskernel.hypervisor.journal.JournalFormatException;
import io.crosskernel.hypervisor.journal.RecordedIngress;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.hypervisor.partition.KernelPlacement;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.topology.CpuList;
import io.crosskernel.hypervisor.report.ExpectationEvaluator;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KeyOverride;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.sim.IngressArrivals;
import io.crosskernel.hypervisor.sim.SimFaults;
import io.crosskernel.hypervisor.sim.SimulationSettings;
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

    @Option(names = "--sim", description = "Simulate the run: the same kernels on one thread in virtual time, no "
            + "pinning, any number of cores (docs/SIMULATION.md). Same file and seed, same report.")
    boolean sim;

    @Option(names = "--seed", paramLabel = "N", description = "Replace the scenario's seed (its random arrivals and, "
            + "with --sim, every draw the simulation makes).")
    Long seed;

    @Mixin
    SimInputOptions simInputs;

    @Option(names = "--sim-ingress", paramLabel = "JOURNAL_DIR", description = "With --sim: replay the arrivals "
            + "that the ingress: workloads' sockets received in a real run journaled with --journal, at their "
            + "recorded times (docs/SIMULATION.md); default: ingress workloads receive nothing.")
    Path simIngressJournal;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Read VALUE in place of the value the "
            + "scenario writes at PATH, e.g. --set orders.stream.rate=50k/s or --set kernels.rt.settings.spinAhead=20us "
            + "(repeatable; docs/CLI.md says how paths name list items).")
    List<String> sets = new ArrayList<>();

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
    PluginOptions plugins;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // The plugin class loader outlives the run (the kernels' code comes from it) and is closed after it.
        try (KernelPlugins kernelTypes = plugins.load()) {
            return runScenario(new ScenarioLoader(kernelTypes.types()));
        }
    }

    private Integer runScenario(ScenarioLoader loader) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkSimulationOptions();
        ScenarioLoader.Loaded loaded = loader.load(scenarioFile, seed, sim, overrides(sets));
        SimulationSettings simulation = sim ? new SimulationSettings(loaded.scenario().seed(),
                simInputs.calibration(loader.types()), simInputs.noise(),
                new SimFaults(loaded.scenario().simFaults()), ingressArrivals(loader)) : null;
        Scenario scenario = withDurationOverride(loaded.scenario());
        RunInterruption interruption = new RunInterruption(nonNegativeDuration("--interrupt-drain", interruptDrain));
        ScenarioLoader.printWarnings(scenario, spec.commandLine().getErr()); // for the length actually run
        ProgressStyle style = ProgressStyle.choose(progress, System.console() != null, System.getenv("TERM"));
        TraceSession tracing = trace.open();
        new RunOutputs(scenario, loader.types()).jsonReport(jsonReport).htmlReport(htmlReport).hgrm(hgrmDir)
                .jfr(jfrFile).traces(trace.traceOut, tracing)
                .journal(journalOptions.journalDir, journalOptions.payloadMode()).kernelFiles()
                .check(scenarioFile, spec.commandLine().getErr());
        Hypervisor host = simulation != null ? Hypervisor.simulated(loader.types(), simulation, tracing)
                : new Hypervisor(loader.types(), SystemNanoClock.INSTANCE, tracing);
        RunJournal journal = journalOptions.open(host.clock());
        ReportWrites writes = new ReportWrites(spec.commandLine().getErr());

        out.println("crosskernel: " + (sim ? "simulating " : "running ") + scenario.name() + " (" + scenarioFile + ") for "
                + Units.formatNanos(scenario.durationNanos())
                + (scenario.warmupNanos() > 0 ? " after a " + Units.formatNanos(scenario.warmupNanos()) + " warm-up"
                        : ""));
        out.println(sim ? virtualPlan(loaded.plan()) : loaded.plan().render());
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
            long wallStart = System.nanoTime();
            RunReport report = run(host, loaded, scenario, RunListener.all(listeners), journal, interruption, out,
                    writes);
            if (endpoint != null) {
                endpoint.onReport(report); // misses by cause are known only now
            }
            if (simulation != null) {
                // Wall time is printed here only: the report itself holds nothing the wall clock decides.
                out.println(SimulationSpeed.describe(report, System.nanoTime() - wallStart));
            }

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
            return exitCode(report, writes.allWritten());
        }
    }

    /**
     * The exit code of a run that produced {@code report}: 3 when it failed or a report could not be written; 1 when
     * its accounting did not balance (the text report names the channel or workload and its figures) or an
     * expectation failed; 0 otherwise.
     */
    static int exitCode(RunReport report, boolean reportsWritten) {
        if (!reportsWritten || report.failure() != null) {
            return Xk.RUNTIME_FAILURE;
        }
        if (!report.accounting().balanced() || !report.expectationsPassed()) {
            return Xk.EXPECTATION_FAILED;
        }
        return Xk.OK;
    }

    /** Runs the scenario (under a JFR recording when asked) and checks its expectations. */
    private RunReport run(Hypervisor host, ScenarioLoader.Loaded loaded, Scenario scenario, RunListener listener,
            RunJournal journal, RunInterruption interruption, PrintWriter out, ReportWrites writes) {
        JfrRecording jfr = jfrFile == null ? null : JfrRecording.start(jfrFile);
        RunReport report;
        try {
            report = host.run(scenario, loaded.plan(), listener, journal, interruption);
        } finally {
            if (jfr != null) {
                writes.attempt(() -> jfr.stopAndWrite(out));
            }
        }
        if (journal != null) {
            boolean failed = journal.failure().message() != null;
            out.println("journal written to " + journalOptions.journalDir + " (payload " + journal.mode().alias()
                    + (failed ? "); it ends early: journaling stopped when it failed" : ")"));
        }
        return report.withExpectations(ExpectationEvaluator.evaluate(report, scenario.expectations()));
    }

    /** The plan of a simulated run: each kernel's virtual cores (nothing is pinned). */
    private static String virtualPlan(PartitionPlan plan) {
        StringBuilder out = new StringBuilder("virtual cores (simulated: one thread, virtual time, nothing pinned)");
        for (KernelPlacement kernel : plan.kernels()) {
            out.append(System.lineSeparator()).append("  ").append(kernel.name()).append(" (").append(kernel.type())
                    .append("): ").append(CpuList.format(kernel.cores()));
        }
        return out.toString();
    }

    /** The recorded arrivals {@code --sim-ingress} names, or none; a directory that is not a journal is exit 2. */
    private IngressArrivals ingressArrivals(ScenarioLoader loader) {
        if (simIngressJournal == null) {
            return IngressArrivals.NONE;
        }
        try {
            return RecordedIngress.read(simIngressJournal, loader.types());
        } catch (JournalFormatException | JournalDamagedException e) {
            throw new BadInputException("--sim-ingress: " + e.getMessage());
        }
    }

    /** Options that only mean something with {@code --sim}, and those that mean nothing with it: exit 2. */
    private void checkSimulationOptions() {
        simInputs.checkApplies(sim);
        if (!sim) {
            if (simIngressJournal != null) {
                throw new BadInputException("--sim-ingress only applies to a simulated run: add --sim");
            }
            return;
        }
        if (jfrFile != null) {
            throw new BadInputException("--jfr has no meaning with --sim: a simulated run has no JVM events of its "
                    + "own to record (its times are virtual); drop --jfr or --sim");
        }
    }

    /** {@code --set PATH=VALUE} options as overrides, in the order given. */
    static List<KeyOverride> overrides(List<String> sets) {
        List<KeyOverride> overrides = new ArrayList<>();
        for (String set : sets) {
            int equals = set.indexOf('=');
            if (equals <= 0) {
                throw new BadInputException("--set " + set + ": write PATH=VALUE, for example --set "
                        + "orders.stream.rate=50k/s");
            }
            overrides.add(new KeyOverride(set.substring(0, equals).strip(), set.substring(equals + 1).strip()));
        }
        return overrides;
    }

    private static long nonNegativeDuration(String option, String value) {
        try {
            return Units.parseDurationNanos(value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
    }

    private Scenario withDurationOverride(Scenario scenario) {
        return duration == null ? scenario : scenario.withDuration(positiveDuration("--duration", duration));
    }

    /** {@code value} of a duration option that must be above zero ({@code --duration} of run and sweep). */
    static long positiveDuration(String option, String value) {
        long nanos;
        try {
            nanos = Units.parseDurationNanos(value);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + e.getMessage());
        }
        if (nanos <= 0) {
            throw new BadInputException(option + " must be above zero, got " + value);
        }
        return nanos;
    }
}
