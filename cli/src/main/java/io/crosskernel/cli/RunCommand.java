package io.crosskernel.cli;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.Units;
import io.crosskernel.cli.prometheus.MetricsEndpoint;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.report.ExpectationEvaluator;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--quiet", description = "No progress lines while running; the report is still printed.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Live progress: ansi (a table redrawn in place), plain (one line a second) or auto "
                    + "(ansi on a terminal, plain otherwise; default).")
    String progress;

    @Mixin
    MetricsOptions metrics;

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
        out.println("crosskernel: running " + scenario.name() + " (" + scenarioFile + ") for "
                + Units.formatNanos(scenario.durationNanos())
                + (scenario.warmupNanos() > 0 ? " after a " + Units.formatNanos(scenario.warmupNanos()) + " warm-up"
                        : ""));
        out.println(loaded.plan().render());
        out.flush();

        ProgressStyle style = ProgressStyle.choose(progress, System.console() != null, System.getenv("TERM"));
        try (MetricsEndpoint endpoint = metrics.start(scenario,
                java.util.Objects.requireNonNullElse(Xk.class.getPackage().getImplementationVersion(), "dev"), out)) {
            List<RunListener> listeners = new ArrayList<>();
            if (endpoint != null) {
                listeners.add(endpoint); // publishes each sample before it is printed
            }
            if (!quiet) {
                listeners.add(new LiveProgress(out, style));
            }
            return runAndReport(loader, loaded, scenario, FanOutListener.of(listeners), out);
        }
    }

    private Integer runAndReport(ScenarioLoader loader, ScenarioLoader.Loaded loaded, Scenario scenario,
            RunListener listener, PrintWriter out) throws IOException {
        RunReport report = new Hypervisor(loader.types(), SystemNanoClock.INSTANCE).run(scenario, loaded.plan(),
                listener);
        report = report.withExpectations(ExpectationEvaluator.evaluate(report, scenario.expectations()));

        out.println();
        out.print(TextReport.render(report));
        out.flush();
        if (jsonReport != null) {
            JsonReport.write(report, jsonReport);
            out.println("JSON report written to " + jsonReport);
        }
        if (report.failure() != null || !report.accounting().balanced()) {
            return Xk.RUNTIME_FAILURE;
        }
        return report.expectationsPassed() ? Xk.OK : Xk.EXPECTATION_FAILED;
    }
}
