package io.crosskernel.cli.output;

import io.crosskernel.api.Units;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a command expects to write with the free space of the file systems it writes to, before it starts.
 * Outputs are grouped by file system (the one holding the nearest existing directory of each path); for each one:
 * <ul>
 *   <li>when a durable output (a journal, a storage log: written while the run goes, through memory-mapped files that
 *       fault when the disk fills) is there and less than {@link #DURABLE_FLOOR_BYTES} is free, the run is refused
 *       with {@link OutputFailedException} (exit 3): the machine, not the command line, is what has to change;</li>
 *   <li>when the outputs there are expected to need more than is free, one warning line says so; the run goes on
 *       (an estimate can be wrong, and reports are small).</li>
 * </ul>
 * Free space is what this process may use ({@link FileStore#getUsableSpace()}), so a root reserve counts as taken.
 *
 * <p>Not thread-safe; one per check.
 */
public final class FreeSpaceCheck {
    /**
     * Below this, a file system is full for a journal or a log: Chronicle Queue needs about 16 KiB per queue to open
     * it and write its first pages, a run opens one queue per kernel, and a disk this full fills within seconds.
     */
    public static final long DURABLE_FLOOR_BYTES = 1L << 20;

    /** Which file system a directory is on; a seam for tests of the arithmetic. */
    @FunctionalInterface
    public interface StoreLookup {
        FileStore storeOf(Path existingDirectory) throws IOException;
    }

    private final StoreLookup lookup;

    public FreeSpaceCheck() {
        this(Files::getFileStore);
    }

    public FreeSpaceCheck(StoreLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * @return the warnings, one line each (without a {@code warning:} prefix)
     * @throws OutputFailedException when a durable output would start on a full file system
     */
    public List<String> check(List<PlannedOutput> outputs) {
        Map<FileStore, List<PlannedOutput>> byStore = new LinkedHashMap<>();
        for (PlannedOutput output : outputs) {
            FileStore store = storeOf(output);
            if (store != null) {
                byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(output);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<FileStore, List<PlannedOutput>> entry : byStore.entrySet()) {
            String warning = checkStore(entry.getKey(), entry.getValue());
            if (warning != null) {
                warnings.add(warning);
            }
        }
        return warnings;
    }

    private String checkStore(FileStore store, List<PlannedOutput> outputs) {
        long free;
        try {
            free = store.getUsableSpace();
        } catch (IOException e) {
            return null; // nothing to compare with; the writes themselves will say what is wrong
        }
        for (PlannedOutput output : outputs) {
            if (output.durable() && free < DURABLE_FLOOR_BYTES) {
                throw new OutputFailedException(output.named() + ": the file system " + store + " is full ("
                        + Units.formatBytes(free) + " free; " + output.what() + " needs at least "
                        + Units.formatBytes(DURABLE_FLOOR_BYTES) + " to start): free some space or choose another "
                        + "directory");
            }
        }
        long expected = 0;
        StringBuilder parts = new StringBuilder();
        for (PlannedOutput output : outputs) {
            expected += output.expectedBytes();
            parts.append(parts.length() == 0 ? "" : ", ").append(output.label()).append(' ')
                    .append(Units.formatBytes(output.expectedBytes()));
        }
        if (expected <= free) {
            return null;
        }
        return store + " has " + Units.formatBytes(free) + " free, but this run is expected to write about "
                + Units.formatBytes(expected) + " there (" + parts + "): it may run out of space";
    }

    /** The file system of the output's nearest existing directory, or null when it cannot be told. */
    private FileStore storeOf(PlannedOutput output) {
        Path candidate = output.absolute();
        while (candidate != null && !Files.isDirectory(candidate)) {
            candidate = candidate.getParent();
        }
        if (candidate == null) {
            return null;
        }
        try {
            return lookup.storeOf(candidate);
        } catch (IOException e) {
            return null;
        }
    }
}
