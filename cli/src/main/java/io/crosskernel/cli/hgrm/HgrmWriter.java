package io.crosskernel.cli.hgrm;

import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.hypervisor.report.RunRecordings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * {@code xk run --hgrm DIR}: writes each of a run's latency histograms as an HdrHistogram percentile distribution
 * file ({@code Histogram.outputPercentileDistribution}, values in microseconds), the format HdrHistogram's plotter
 * and tools read: {@code <kernel>.latency.hgrm}, {@code <kernel>.lateness.hgrm} and {@code route-<name>.e2e.hgrm}.
 * Histograms that recorded nothing are left out (the format has no empty distribution).
 *
 * <p>Stateless; the histograms are only read.
 */
public final class HgrmWriter {
    /** Histograms hold nanoseconds; the files hold microseconds, the plotter's usual unit. */
    static final double NANOS_PER_MICRO = 1000.0;

    private HgrmWriter() {
    }

    /**
     * Writes every non-empty histogram of {@code recordings} into {@code dir} (created when missing), each file whole
     * or not at all ({@link AtomicFile}); returns the files, in order.
     *
     * @throws io.crosskernel.cli.output.OutputFailedException naming the first file that could not be written
     */
    public static List<Path> write(RunRecordings recordings, Path dir) {
        List<Path> written = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, Histogram> entry : recordings.kernelLatency().entrySet()) {
            write(entry.getValue(), dir, unique(used, fileName(entry.getKey()), ".latency"), written);
        }
        for (Map.Entry<String, Histogram> entry : recordings.kernelLateness().entrySet()) {
            write(entry.getValue(), dir, unique(used, fileName(entry.getKey()), ".lateness"), written);
        }
        for (Map.Entry<String, Histogram> entry : recordings.routeEndToEnd().entrySet()) {
            write(entry.getValue(), dir, unique(used, "route-" + fileName(entry.getKey()), ".e2e"), written);
        }
        return written;
    }

    private static void write(Histogram histogram, Path dir, String stem, List<Path> written) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        Path file = dir.resolve(stem + ".hgrm");
        // Rendered in memory first (a few KiB): a PrintStream swallows the write errors a full disk would raise.
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(text, false, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(print, NANOS_PER_MICRO);
        }
        AtomicFile.write("the HdrHistogram file", file, out -> text.writeTo(out));
        written.add(file);
    }

    /**
     * A name as a safe file name part: letters, digits, {@code .}, {@code _} and {@code -} stay, anything else
     * (slashes, spaces, other scripts) becomes {@code _}; it never starts with a dot and is never empty.
     */
    static String fileName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || (c == '.' && i > 0);
            safe.append(ok ? c : '_');
        }
        if (safe.length() == 0) {
            return "_";
        }
        return safe.length() > 100 ? safe.substring(0, 100) : safe.toString();
    }

    /** Two names that clean up alike ("a b", "a/b") get {@code -2}, {@code -3}... rather than overwrite each other. */
    private static String unique(Set<String> used, String base, String suffix) {
        String candidate = base + suffix;
        // Lower case: two files differing only in case would collide on a case-insensitive file system.
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + "-" + n + suffix;
        }
        return candidate;
    }
}
