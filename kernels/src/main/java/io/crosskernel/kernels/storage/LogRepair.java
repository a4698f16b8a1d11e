package io.crosskernel.kernels.storage;

import io.crosskernel.api.disk.CycleFileSpace;
import io.crosskernel.kernels.storage.LogDamage.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Salvages a damaged log: copies every whole record, in log order, into a fresh log, then puts the fresh log in the
 * directory's place and keeps the original beside it, renamed. Nothing is deleted.
 *
 * <p>Steps: inspect the log read-only (a clean log is left untouched); write every whole record, those whose document
 * header alone was damaged included, into a new directory next to it with {@link DurableLog}; where a damaged record
 * still shows its key, append a {@link LogOp#LOST} marker for that key, so the repaired log marks it corrupt as the
 * damaged one did instead of serving its previous value as current; force the new log and check it reads back clean
 * with the right number of records; only then rename the original to {@code DIR.damaged-<time>} and the new log to
 * {@code DIR}. A failure before the renames removes the partial new log and leaves the original untouched.
 *
 * <p>Not knowable: the keys of records inside an {@link Kind#UNREADABLE} region. If such a record held a key's
 * latest value, the repaired log serves that key's previous value. The result counts those regions.
 *
 * <p>Run it on a log no process is using. Threading: the calling thread.
 */
public final class LogRepair {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final byte[] EMPTY = new byte[0];

    /**
     * What a repair did.
     *
     * @param before        the original log as inspected
     * @param repaired      false when the log was clean and nothing was done
     * @param recordsCopied whole records copied into the new log
     * @param lostMarkers   {@link LogOp#LOST} markers written for damaged records whose key was readable
     * @param unknownKeys   damaged regions whose records' keys cannot be known
     * @param keptAside     where the original now is (null when nothing was done)
     */
    public record Result(LogInspection before, boolean repaired, long recordsCopied, long lostMarkers,
                         long unknownKeys, Path keptAside) {
    }

    private LogRepair() {
    }

    /**
     * Repairs the log in {@code directory}.
     *
     * @param maxValueLength the largest value a record may hold
     * @throws IOException        when the log cannot be read, or the new log cannot be put in place
     * @throws LogFailedException when there is no space for the new log (the original is untouched)
     */
    public static Result repair(Path directory, int maxValueLength) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        LogInspection before = LogInspector.inspect(dir, maxValueLength);
        if (before.clean()) {
            return new Result(before, false, 0, 0, 0, null);
        }
        long needed = before.files().stream().mapToLong(LogInspection.CycleFile::dataEnd).sum()
                + CycleFileSpace.MIN_FREE;
        long free = CycleFileSpace.usableSpace(dir.getParent());
        if (free >= 0 && free < needed) {
            throw new LogFailedException(dir, true, noRoom(dir, needed, free), null);
        }
        String stamp = LocalDateTime.now().format(STAMP);
        Path fresh = unused(dir.resolveSibling(dir.getFileName() + ".repair-" + stamp));
        Path aside = unused(dir.resolveSibling(dir.getFileName() + ".damaged-" + stamp));
        long[] counts = new long[3]; // copied, markers, unknown
        try {
            copyRecords(dir, fresh, maxValueLength, counts);
            LogInspection check = LogInspector.inspect(fresh, maxValueLength);
            if (!check.clean() || check.records() != counts[0] + counts[1]) {
                throw new IOException("the repaired log in " + fresh + " does not read back as written ("
                        + check.records() + " records, expected " + (counts[0] + counts[1]) + ", damage: "
                        + LogInspection.summary(check.damage()) + ")");
            }
        } catch (LogFailedException e) {
            deleteTree(fresh, e);
            throw new LogFailedException(dir, e.noSpace(), e.noSpace() ? noRoom(dir, needed,
                    CycleFileSpace.usableSpace(dir.getParent())) : "could not write the repaired copy of " + dir
                    + ": " + e.getMessage() + " (the original log was not changed)", e);
        } catch (IOException | RuntimeException e) {
            deleteTree(fresh, e);
            throw new IOException("could not write the repaired copy of " + dir + ": " + detail(e)
                    + " (the original log was not changed)", e);
        }
        try {
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("could not move " + dir + " aside to " + aside + ": " + detail(e) + " (the original"
                    + " log was not changed; the repaired copy is in " + fresh + ")", e);
        }
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.move(aside, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException undo) {
                e.addSuppressed(undo);
                throw new IOException("could not put the repaired log " + fresh + " in place, nor the original "
                        + aside + " back: move one of them to " + dir + " by hand", e);
            }
            throw new IOException("could not put the repaired log " + fresh + " in place: " + detail(e) + " (the"
                    + " original log is back in " + dir + ")", e);
        }
        return new Result(before, true, counts[0], counts[1], counts[2], aside);
    }

    private static void copyRecords(Path from, Path to, int maxValueLength, long[] counts) throws IOException {
        LogConfig config = new LogConfig(to, SyncPolicy.BATCH, 4096, maxValueLength);
        try (DurableLog out = DurableLog.open(config)) {
            LogInspector.inspect(from, maxValueLength, new CycleFileScanner.Listener() {
                @Override
                public void onRecord(LogOp op, long key, byte[] value, int valueOffset, int valueLength) {
                    out.append(op, key, value, valueOffset, valueLength);
                    counts[0]++;
                }

                @Override
                public void onDamage(LogDamage damage) {
                    if (damage.kind() == Kind.RECORD && damage.keyReadable()) {
                        out.append(LogOp.LOST, damage.keyAsRead(), EMPTY, 0, 0);
                        counts[1]++;
                    } else if (damage.kind() == Kind.UNREADABLE || damage.kind() == Kind.FILE_HEADER
                            || damage.kind() == Kind.RECORD) {
                        counts[2]++;
                    }
                }
            });
            out.sync();
        }
    }

    private static String detail(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String noRoom(Path dir, long needed, long free) {
        return "no space left on device for the repaired copy of " + dir + ": it needs up to " + needed
                + " bytes beside it, " + (free < 0 ? "an unknown number" : free) + " are free (the original log was"
                + " not changed; free space, or copy the directory to a larger disk and repair it there)";
    }

    private static Path unused(Path candidate) {
        Path p = candidate;
        for (int i = 2; Files.exists(p); i++) {
            p = candidate.resolveSibling(candidate.getFileName() + "-" + i);
        }
        return p;
    }

    /** Removes the partial new log this repair created (never anything else), keeping what goes wrong on the way. */
    private static void deleteTree(Path root, Exception failure) {
        try {
            deleteTree(root);
        } catch (IOException | UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Deletes {@code root} and everything below it. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
