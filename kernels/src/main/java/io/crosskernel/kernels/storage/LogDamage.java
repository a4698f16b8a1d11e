package io.crosskernel.kernels.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One damaged region of a storage log, as {@link LogInspector} found it. Immutable.
 *
 * @param file         the file the region is in
 * @param offset       where the region starts in the file, in bytes
 * @param length       the region's size in bytes (0 for damage that is an absence, such as a missing end marker)
 * @param kind         what is wrong
 * @param recordsLost  records whose contents cannot be read back from the region, or -1 when that cannot be counted
 *                     (the headers that would tell are themselves damaged)
 * @param keyAsRead    for {@link Kind#RECORD}: the record's key field as it reads on disk, if the record is long enough
 *                     to hold one (it may itself be the damaged part); else {@link #NO_KEY}
 * @param keyReadable  whether {@code keyAsRead} was read from the region
 * @param detail       what was found, for people
 */
public record LogDamage(Path file, long offset, long length, Kind kind, long recordsLost, long keyAsRead,
                        boolean keyReadable, String detail) {
    public static final long NO_KEY = 0;

    /** What is wrong with a region. */
    public enum Kind {
        /** A whole document whose record fails its CRC32C (or has an impossible field): Chronicle reads past it. */
        RECORD(false),
        /**
         * A record whose contents are whole but whose Chronicle document header is damaged (zeroed, a wrong length,
         * the "not complete" or metadata bit set): Chronicle stops at it or skips it. Repair keeps the record.
         */
        HEADER(true),
        /** Bytes that are neither a readable document nor zeros: the records in them are lost. */
        UNREADABLE(true),
        /** The file does not start with Chronicle's store header: Chronicle cannot open it. */
        FILE_HEADER(true),
        /** A cycle file followed by a later one lacks Chronicle's end-of-file marker: its readers would wait. */
        MISSING_END_OF_FILE(true),
        /** A {@code .cq4} file that is empty, or not named as this log's cycle files are. */
        NOT_A_CYCLE_FILE(true),
        /** The table store {@code metadata.cq4t} does not start with Chronicle's table store header. */
        TABLE_STORE(true);

        private final boolean blocksWriting;

        Kind(boolean blocksWriting) {
            this.blocksWriting = blocksWriting;
        }

        /**
         * Whether Chronicle would misread the log from here on (stop early, skip records, wait, or append where the
         * next recovery cannot see it), so the log must not be opened for writing until it is repaired.
         */
        public boolean blocksWriting() {
            return blocksWriting;
        }
    }

    public LogDamage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    static LogDamage of(Path file, long offset, long length, Kind kind, long recordsLost, String detail) {
        return new LogDamage(file, offset, length, kind, recordsLost, NO_KEY, false, detail);
    }

    public boolean blocksWriting() {
        return kind.blocksWriting();
    }

    /** One line: file name, offset, size, records lost, what. */
    public String describe() {
        String lost = recordsLost < 0 ? "records lost: unknown" : recordsLost == 1 ? "1 record lost"
                : recordsLost + " records lost";
        return file.getFileName() + " offset " + offset + ", " + length + " bytes, " + lost + ": " + detail;
    }
}
