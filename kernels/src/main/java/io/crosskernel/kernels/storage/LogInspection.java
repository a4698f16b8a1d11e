package io.crosskernel.kernels.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link LogInspector} found in a log directory. Immutable.
 *
 * @param directory the log directory
 * @param files     the cycle files read, oldest first (stray and unreadable {@code .cq4} files are in {@code damage})
 * @param records   whole records found, including those whose document header alone is damaged
 * @param damage    every damaged region, in file order
 */
public record LogInspection(Path directory, List<CycleFile> files, long records, List<LogDamage> damage) {
    /** How many damaged regions a one-line summary names before it says "and N more". */
    static final int SUMMARY_LIMIT = 3;

    /**
     * One cycle file.
     *
     * @param file            its path
     * @param cycle           its cycle number (days since 1970-01-01)
     * @param size            its size in bytes (Chronicle sizes files ahead, sparsely)
     * @param records         whole records in it
     * @param dataDocuments   documents Chronicle reads as data, when the framing is intact
     * @param dataEnd         where its data ends
     * @param endOfFileMarker whether it ends with Chronicle's end-of-file marker (a later cycle superseded it)
     * @param tail            the damage its data ends with, if nothing readable follows (see
     *                        {@link CycleFileScanner.Result#tail()})
     */
    public record CycleFile(Path file, int cycle, long size, long records, long dataDocuments, long dataEnd,
                            boolean endOfFileMarker, LogDamage tail) {
    }

    public LogInspection {
        files = List.copyOf(files);
        damage = List.copyOf(damage);
    }

    /** True when every record read back whole and nothing else is wrong. */
    public boolean clean() {
        return damage.isEmpty();
    }

    /** Whether any damage means the log must not be opened for writing (see {@link LogDamage.Kind#blocksWriting}). */
    public boolean blocksWriting() {
        return damage.stream().anyMatch(LogDamage::blocksWriting);
    }

    /** Damage that blocks writing. */
    public List<LogDamage> blocking() {
        return damage.stream().filter(LogDamage::blocksWriting).toList();
    }

    /** Data documents Chronicle reads across every file, when the framing is intact. */
    public long dataDocuments() {
        return files.stream().mapToLong(CycleFile::dataDocuments).sum();
    }

    /** The last cycle file, or null when there is none. */
    public CycleFile lastFile() {
        return files.isEmpty() ? null : files.get(files.size() - 1);
    }

    /** Up to {@value #SUMMARY_LIMIT} regions, "; "-separated, then how many more. */
    static String summary(List<LogDamage> regions) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < regions.size() && i < SUMMARY_LIMIT; i++) {
            if (i > 0) {
                b.append("; ");
            }
            b.append(regions.get(i).describe());
        }
        if (regions.size() > SUMMARY_LIMIT) {
            b.append("; and ").append(regions.size() - SUMMARY_LIMIT).append(" more");
        }
        return b.toString();
    }
}
