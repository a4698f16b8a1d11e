package io.crosskernel.cli;

import io.crosskernel.api.DiskUse;
import io.crosskernel.cli.output.FreeSpaceCheck;
import io.crosskernel.cli.output.OutputPreflight;
import io.crosskernel.cli.output.PlannedOutput;
import io.crosskernel.hypervisor.host.KernelDiskUse;
import io.crosskernel.hypervisor.journal.JournalSizeEstimate;
import io.crosskernel.hypervisor.journal.PayloadMode;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.hypervisor.trace.TraceSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code xk run} will write, declared with an estimate of its size before the run, then checked in one
 * go: the paths ({@link OutputPreflight}: exit 2) and the free space ({@link FreeSpaceCheck}: a warning, or exit 3
 * when a journal or a storage log would start on a full file system).
 *
 * <p>The report estimates are coarse (they only decide whether to warn), from the files of
 * {@code examples/quickstart.yaml} (2 kernels, 2 channels, 3 workloads, 6 s): JSON 7 KiB, HTML 25 KiB, 4.5 KiB per
 * {@code .hgrm} file, JFR 2.7 MiB, a 2-hop trace 510 bytes; each constant below rounds its figure up.
 *
 * <p>Not thread-safe; the command's thread.
 */
final class RunOutputs {
    static final long JSON_BASE_BYTES = 2 * 1024;
    static final long JSON_PER_ROW_BYTES = 1024;
    static final long HTML_BASE_BYTES = 16 * 1024;
    static final long HTML_PER_ROW_BYTES = 4 * 1024;
    static final long HGRM_FILE_BYTES = 8 * 1024;
    static final long JFR_BASE_BYTES = 1L << 20;
    static final long JFR_PER_SECOND_BYTES = 512 * 1024;
    static final long TRACE_BASE_BYTES = 200;
    static final long TRACE_PER_STAGE_BYTES = 160;

    private final Scenario scenario;
    private final KernelTypes types;
    private final List<PlannedOutput> outputs = new ArrayList<>();

    RunOutputs(Scenario scenario, KernelTypes types) {
        this.scenario = scenario;
        this.types = types;
    }

    RunOutputs jsonReport(Path file) {
        if (file != null) {
            long rows = scenario.kernels().size() + scenario.links().size() + scenario.workloads().size();
            outputs.add(PlannedOutput.file("--json-report", "the JSON report", file, "report.json",
                    JSON_BASE_BYTES + rows * JSON_PER_ROW_BYTES));
        }
        return this;
    }

    RunOutputs htmlReport(Path file) {
        if (file != null) {
            long rows = scenario.kernels().size() + scenario.workloads().size();
            outputs.add(PlannedOutput.file("--html-report", "the HTML report", file, "report.html",
                    HTML_BASE_BYTES + rows * HTML_PER_ROW_BYTES));
        }
        return this;
    }

    RunOutputs hgrm(Path directory) {
        if (directory != null) {
            long files = 2L * scenario.kernels().size() + scenario.workloads().size();
            outputs.add(PlannedOutput.reportDirectory("--hgrm", "the HdrHistogram files", directory,
                    files * HGRM_FILE_BYTES));
        }
        return this;
    }

    RunOutputs jfr(Path file) {
        if (file != null) {
            long seconds = (runNanos() + 999_999_999L) / 1_000_000_000L;
            outputs.add(PlannedOutput.file("--jfr", "the JFR recording", file, "run.jfr",
                    JFR_BASE_BYTES + seconds * JFR_PER_SECOND_BYTES));
        }
        return this;
    }

    /** @param tracing the run's trace session, for its sample rate; null when not tracing */
    RunOutputs traces(Path file, TraceSession tracing) {
        if (file != null && tracing != null) {
            double bytes = 0;
            for (WorkloadDecl workload : scenario.workloads()) {
                bytes += workload.schedule().expectedArrivals(runNanos()) * tracing.settings().sampleRate()
                        * (TRACE_BASE_BYTES + TRACE_PER_STAGE_BYTES * workload.route().stages().size());
            }
            outputs.add(PlannedOutput.file("--trace-out", "the trace file", file, "traces.jsonl", (long) bytes));
        }
        return this;
    }

    RunOutputs journal(Path directory, PayloadMode mode) {
        if (directory != null) {
            outputs.add(PlannedOutput.durableDirectory("--journal", "the journal", directory,
                    JournalSizeEstimate.bytes(scenario, mode)));
        }
        return this;
    }

    /** Adds every kernel's own files (a storage kernel's log), as the kernel types declare them. */
    RunOutputs kernelFiles() {
        for (DiskUse use : KernelDiskUse.of(scenario, types)) {
            outputs.add(PlannedOutput.durableDirectory(use.setting(), use.what(), use.directory(),
                    use.expectedBytes()));
        }
        return this;
    }

    /**
     * Checks every output, then the free space, printing one {@code warning:} line per file system that looks too
     * small.
     *
     * @throws io.crosskernel.cli.output.OutputPathException    an unusable path (exit 2)
     * @throws io.crosskernel.cli.output.OutputFailedException  a journal or log on a full file system (exit 3)
     */
    void check(Path scenarioFile, PrintWriter err) {
        OutputPreflight.check(outputs, List.of(new OutputPreflight.NamedInput("the scenario file", scenarioFile)));
        for (String warning : new FreeSpaceCheck().check(outputs)) {
            err.println("warning: " + warning);
        }
        err.flush();
    }

    List<PlannedOutput> outputs() {
        return List.copyOf(outputs);
    }

    private long runNanos() {
        return scenario.warmupNanos() + scenario.durationNanos();
    }
}
