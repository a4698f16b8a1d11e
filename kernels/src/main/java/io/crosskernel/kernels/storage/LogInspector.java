package io.crosskernel.kernels.storage;

import io.crosskernel.kernels.storage.LogDamage.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a whole log directory without Chronicle and reports what it holds: every cycle file, every whole record, and
 * every damaged region (see {@link CycleFileScanner}), plus stray {@code .cq4} files, a damaged table store and a
 * superseded cycle file that lacks its end-of-file marker. Read-only: it never writes to the directory.
 *
 * <p>Used before the log is opened for writing ({@link LogOpening}), by {@code xk storage check} and, with a sink
 * that re-appends every record, by {@link LogRepair}. Run it on a log no process is writing: a write in progress
 * reads as a torn tail.
 *
 * <p>Threading: any thread; each call is independent.
 */
public final class LogInspector {
    private LogInspector() {
    }

    /**
     * Inspects the log in {@code directory}.
     *
     * @param maxValueLength the largest value a record may hold (what a length field may claim)
     * @throws NotDirectoryException        when {@code directory} is not a directory
     * @throws java.nio.file.NoSuchFileException when it does not exist
     * @throws IOException                  when a file cannot be read
     */
    public static LogInspection inspect(Path directory, int maxValueLength) throws IOException {
        return inspect(directory, maxValueLength, null);
    }

    /**
     * {@link #inspect(Path, int)}, handing every whole record and every damaged region, in log order, to {@code sink}
     * (if not null).
     */
    static LogInspection inspect(Path directory, int maxValueLength, CycleFileScanner.Listener sink)
            throws IOException {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                throw new NotDirectoryException(directory.toString());
            }
            throw new java.nio.file.NoSuchFileException(directory.toString(), null, "no such log directory");
        }
        List<LogDamage> damage = new ArrayList<>();
        List<Path> cycleFiles = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path p : (Iterable<Path>) entries.sorted(Comparator.comparing(Path::toString))::iterator) {
                String name = p.getFileName().toString();
                if (name.equals(ChronicleFraming.TABLE_STORE_NAME)) {
                    checkTableStore(p, damage);
                } else if (name.endsWith(ChronicleFraming.CYCLE_FILE_SUFFIX)) {
                    if (ChronicleFraming.cycleOf(name) >= 0 && Files.isRegularFile(p)) {
                        cycleFiles.add(p);
                    } else {
                        damage.add(LogDamage.of(p, 0, Files.isRegularFile(p) ? Files.size(p) : 0,
                                Kind.NOT_A_CYCLE_FILE, 0, "not a cycle file of this log (they are named "
                                        + ChronicleFraming.ROLL_CYCLE.format().replace("'", "")
                                        + ChronicleFraming.CYCLE_FILE_SUFFIX + "): move it out of the directory"));
                    }
                }
            }
        }
        cycleFiles.sort(Comparator.comparingInt(p -> ChronicleFraming.cycleOf(p.getFileName().toString())));

        CycleFileScanner scanner = new CycleFileScanner(maxValueLength);
        List<LogInspection.CycleFile> files = new ArrayList<>();
        long records = 0;
        for (int i = 0; i < cycleFiles.size(); i++) {
            Path file = cycleFiles.get(i);
            CycleFileScanner.Result r = scanner.scan(file, new CycleFileScanner.Listener() {
                @Override
                public void onRecord(LogOp op, long key, byte[] value, int valueOffset, int valueLength) {
                    if (sink != null) {
                        sink.onRecord(op, key, value, valueOffset, valueLength);
                    }
                }

                @Override
                public void onDamage(LogDamage d) {
                    damage.add(d);
                    if (sink != null) {
                        sink.onDamage(d);
                    }
                }
            });
            boolean last = i == cycleFiles.size() - 1;
            if (!last && !r.endOfFileMarker() && r.size() > 0) {
                LogDamage d = LogDamage.of(file, r.dataEnd(), 0, Kind.MISSING_END_OF_FILE, 0,
                        "a later cycle file exists but this one does not end with Chronicle's end-of-file marker"
                                + " (readers would wait for more records here)");
                damage.add(d);
                if (sink != null) {
                    sink.onDamage(d);
                }
            }
            files.add(new LogInspection.CycleFile(file, ChronicleFraming.cycleOf(file.getFileName().toString()),
                    r.size(), r.records(), r.dataDocuments(), r.dataEnd(), r.endOfFileMarker(), r.tail()));
            records += r.records();
        }
        return new LogInspection(directory, files, records, damage);
    }

    private static void checkTableStore(Path file, List<LogDamage> damage) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileWindow window = new FileWindow(channel, 64);
            int probe = (int) Math.min(64, window.size());
            boolean ok = false;
            if (window.ensure(0, probe) && probe >= ChronicleFraming.HEADER_SIZE) {
                int header = window.getInt(0);
                ok = ChronicleFraming.isMetaData(header) && ChronicleFraming.isComplete(header)
                        && ChronicleFraming.startsWith(window.array(), window.offset(ChronicleFraming.HEADER_SIZE),
                        probe - ChronicleFraming.HEADER_SIZE, ChronicleFraming.TABLE_STORE_HEADER);
            }
            if (!ok) {
                damage.add(LogDamage.of(file, 0, probe, Kind.TABLE_STORE, 0,
                        "Chronicle's table store does not start with its header (first bytes " + window.hex(0, 16)
                                + "): Chronicle cannot open the queue"));
            }
        }
    }
}
