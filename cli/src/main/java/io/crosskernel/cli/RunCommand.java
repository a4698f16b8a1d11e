package io.crosskernel.cli;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.journal.PayloadMode;
import io.crosskernel.hypervisor.journal.RunJournal;
import io.crosskernel.hypervisor.report.ExpectationEvaluator;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.Scenario;
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

    @Option(names = "--journal", paramLabel = "DIR",
            description = "Journal the run into DIR (new or empty): every cross-kernel message, storage writes, "
                    + "lifecycle events and the final state; read it with 'xk replay DIR' and 'xk journal DIR'.")
    Path journalDir;

    @Option(names = "--journal-payload", paramLabel = "MODE", defaultValue = "digest",
            description = "What the journal keeps of payloads and stored values: none, digest (default) or full.")
    String journalPayload;

    @Option(names = "--quiet", description = "No progress lines while running; the report is still printed.")
    boolean quiet;

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

        RunListener listener = quiet ? RunListener.NONE : new ConsoleListener(out);
        RunJournal journal = openJournal();
        RunReport report = new Hypervisor(loader.types(), SystemNanoClock.INSTANCE).run(scenario, loaded.plan(),
                listener, journal);
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
        if (report.failure() != null || !report.accounting().balanced()) {
            return Xk.RUNTIME_FAILURE;
        }
        return report.expectationsPassed() ? Xk.OK : Xk.EXPECTATION_FAILED;
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
