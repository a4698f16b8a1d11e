package io.crosskernel.cli;

import io.crosskernel.cli.hgrm.HgrmWriter;
import io.crosskernel.cli.html.HtmlReport;
import io.crosskernel.cli.html.ReportHeader;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code xk run}'s {@code --html-report} and {@code --hgrm} outputs, written after the run (their paths were checked
 * before it, with every other output, by {@link RunOutputs}).
 */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes the outputs asked for (either path may be null) and says where they went; failures go to {@code writes}. */
    static void write(RunReport report, RunRecordings recordings, Path htmlReport, Path hgrmDir, PrintWriter out,
            ReportWrites writes) {
        if (htmlReport != null) {
            writes.attempt(() -> {
                HtmlReport.write(report, recordings, ReportHeader.thisMachine(version()), htmlReport);
                out.println("HTML report written to " + htmlReport);
            });
        }
        if (hgrmDir != null) {
            writes.attempt(() -> {
                for (Path file : HgrmWriter.write(recordings, hgrmDir)) {
                    out.println("HdrHistogram percentiles written to " + file);
                }
            });
        }
        out.flush();
    }

    private static String version() {
        String version = Xk.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
