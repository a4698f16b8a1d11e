package io.crosskernel.cli;

import io.crosskernel.cli.hgrm.HgrmWriter;
import io.crosskernel.cli.html.HtmlReport;
import io.crosskernel.cli.html.ReportHeader;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code xk run}'s {@code --html-report} and {@code --hgrm} outputs: checked before the run, written after it. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Fails with exit 2 before the run when an output cannot be written; both arguments may be null. */
    static void check(Path htmlReport, Path hgrmDir) {
        if (htmlReport != null && Files.isDirectory(htmlReport)) {
            throw new BadInputException("--html-report: " + htmlReport + " is a directory; give a file name, e.g. "
                    + htmlReport.resolve("report.html"));
        }
        if (hgrmDir != null) {
            try {
                HgrmWriter.prepare(hgrmDir);
            } catch (IOException e) {
                throw new BadInputException("--hgrm: " + e.getMessage() + "; give a directory that can be written "
                        + "(it is created when missing)");
            }
        }
    }

    /** Writes the outputs asked for and says where they went. */
    static void write(RunReport report, RunRecordings recordings, Path htmlReport, Path hgrmDir, PrintWriter out)
            throws IOException {
        if (htmlReport != null) {
            HtmlReport.write(report, recordings, ReportHeader.thisMachine(version()), htmlReport);
            out.println("HTML report written to " + htmlReport);
        }
        if (hgrmDir != null) {
            for (Path file : HgrmWriter.write(recordings, hgrmDir)) {
                out.println("HdrHistogram percentiles written to " + file);
            }
        }
        out.flush();
    }

    private static String version() {
        String version = Xk.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
