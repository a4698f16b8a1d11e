package io.crosskernel.kernels.storage;

import io.crosskernel.kernels.storage.LogDamage.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Walks one cycle file's Chronicle framing without Chronicle (see {@link ChronicleFraming} for why), checks every
 * record's CRC32C, and reports every whole record and every damaged region, resynchronising past damage to the next
 * record whose own CRC32C proves it whole.
 *
 * <p>A document is accepted only if nothing readable hides inside it: a data document must hold exactly one whole
 * record of exactly its length; a document whose record fails its check, or metadata Chronicle did not write, is
 * searched for whole records before it is passed over. So a damaged length can never swallow the records behind it
 * unnoticed, and a record whose header alone is damaged (zeroed, wrong length, a flag bit set) is still found, since
 * its body proves itself.
 *
 * <p>Threading: one thread; a scanner may scan several files one after the other. Read-only: it opens each file for
 * reading and closes it before {@link #scan} returns.
 */
final class CycleFileScanner {
    /** Receives what the scan finds, in file order. Called on the scanning thread. */
    interface Listener {
        /**
         * A whole record (its CRC32C matches), including one whose document header is damaged (a
         * {@link Kind#HEADER} damage is reported just before it). {@code value} is only valid during the call.
         */
        void onRecord(LogOp op, long key, byte[] value, int valueOffset, int valueLength);

        void onDamage(LogDamage damage);
    }

    /**
     * What one file held.
     *
     * @param size            the file's size in bytes
     * @param dataDocuments   data documents Chronicle reads in this file when its framing is intact: whole records
     *                        and {@link Kind#RECORD} damage
     * @param records         whole records, those with a damaged header included
     * @param dataEnd         where the framing ends: where Chronicle's next document would go
     * @param endOfFileMarker whether the data ends with Chronicle's end-of-file marker
     * @param tail            the damage the data ends with, when nothing readable follows it (a torn write at the
     *                        end, or a last record whose header alone is damaged); else null
     */
    record Result(long size, long dataDocuments, long records, long dataEnd, boolean endOfFileMarker,
                  LogDamage tail) {
    }

    private final int maxValueLength;
    private final CRC32C crc = new CRC32C();

    // per scan
    private Path file;
    private FileWindow window;
    private Listener listener;
    private long dataDocuments;
    private long records;
    private LogDamage lastDamage;
    private boolean readableSinceDamage;

    /** @param maxValueLength the largest value a record may hold; bounds what a length field may claim */
    CycleFileScanner(int maxValueLength) {
        this.maxValueLength = maxValueLength;
    }

    Result scan(Path path, Listener sink) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            this.file = path;
            this.window = new FileWindow(channel, RecordLayout.OVERHEAD + maxValueLength + 2 * ChronicleFraming.HEADER_SIZE);
            this.listener = sink;
            this.dataDocuments = 0;
            this.records = 0;
            this.lastDamage = null;
            this.readableSinceDamage = false;
            return walk();
        } finally {
            window = null;
            listener = null;
        }
    }

    private Result walk() throws IOException {
        long size = window.size();
        if (size == 0) {
            damage(LogDamage.of(file, 0, 0, Kind.NOT_A_CYCLE_FILE, 0,
                    "empty file: not a cycle file this log wrote (Chronicle would wait for its header)"));
            return result(size, 0, false);
        }
        long pos = afterStoreHeader();
        boolean endOfFile = false;
        while (pos >= 0) {
            if (!window.ensure(pos, ChronicleFraming.HEADER_SIZE)) {
                return result(size, size, false); // the file ends exactly after its last document
            }
            int header = window.getInt(pos);
            if (header == 0 || header == ChronicleFraming.END_OF_DATA) {
                long after = header == 0 ? pos : afterEndOfData(pos);
                if (window.nextNonZero(after) < 0) {
                    return result(size, pos, header != 0);
                }
                if (header == 0) {
                    pos = damagedAt(pos, header);
                } else {
                    endOfFile = true;
                    pos = unreadable(after, "data after Chronicle's end-of-file marker");
                }
                continue;
            }
            pos = document(pos, header);
        }
        return result(size, -1, endOfFile);
    }

    /** Where the bytes after the end-of-file marker at {@code pos} start: past its {@code EOF} trailer, if any. */
    private long afterEndOfData(long pos) throws IOException {
        long trailer = pos + ChronicleFraming.HEADER_SIZE;
        byte[] expected = ChronicleFraming.END_OF_DATA_TRAILER;
        if (window.ensure(trailer, expected.length) && ChronicleFraming.startsWith(window.array(),
                window.offset(trailer), expected.length, expected)) {
            return trailer + expected.length;
        }
        return trailer;
    }

    /** @return where the first document after the store header starts, or -1 when nothing readable follows */
    private long afterStoreHeader() throws IOException {
        if (window.ensure(0, ChronicleFraming.HEADER_SIZE)) {
            int header = window.getInt(0);
            int length = ChronicleFraming.length(header);
            if (ChronicleFraming.isMetaData(header) && ChronicleFraming.isComplete(header)
                    && window.ensure(0, ChronicleFraming.HEADER_SIZE + Math.min(length, 64))
                    && ChronicleFraming.startsWith(window.array(), window.offset(ChronicleFraming.HEADER_SIZE), length,
                    ChronicleFraming.STORE_HEADER)
                    && ChronicleFraming.HEADER_SIZE + (long) length <= window.size()) {
                return ChronicleFraming.align(ChronicleFraming.HEADER_SIZE + (long) length);
            }
        }
        String seen = window.hex(0, 16);
        long next = findWhole(ChronicleFraming.HEADER_SIZE, window.size());
        long end = next >= 0 ? next : window.endOfNonZero(0);
        damage(LogDamage.of(file, 0, end, Kind.FILE_HEADER, -1,
                "the file does not start with Chronicle's queue store header (first bytes " + seen + "):"
                        + " Chronicle cannot open it" + (next >= 0 ? "" : "; no whole record follows")));
        return next;
    }

    /** Reads the document at {@code pos}. @return where the next one starts, or -1 when nothing readable follows */
    private long document(long pos, int header) throws IOException {
        int length = ChronicleFraming.length(header);
        long bodyStart = pos + ChronicleFraming.HEADER_SIZE;
        long end = bodyStart + length;
        boolean fits = end <= window.size();
        boolean complete = ChronicleFraming.isComplete(header);
        if (complete && fits && !ChronicleFraming.isMetaData(header)) {
            int recordLength = wholeRecordAt(bodyStart);
            if (recordLength == length) {
                record(bodyStart);
                dataDocuments++;
                return ChronicleFraming.align(end);
            }
        }
        if (complete && fits && ChronicleFraming.isMetaData(header) && wholeRecordAt(bodyStart) < 0) {
            if (isIndexPage(bodyStart, length) || findWhole(bodyStart, end) < 0) {
                // Chronicle's own metadata (an index page, padding): nothing of ours inside, Chronicle skips it too
                readableSinceDamage = true;
                return ChronicleFraming.align(end);
            }
        }
        return damagedAt(pos, header);
    }

    /**
     * The document at {@code pos} is not a whole record under an intact header. Either its body is a whole record
     * (the header alone is damaged), or it is a whole document whose record is damaged, or the framing is broken here.
     */
    private long damagedAt(long pos, int header) throws IOException {
        long bodyStart = pos + ChronicleFraming.HEADER_SIZE;
        int recordLength = wholeRecordAt(bodyStart);
        if (recordLength >= 0) {
            damage(LogDamage.of(file, pos, ChronicleFraming.HEADER_SIZE, Kind.HEADER, 0,
                    "the record here is whole but its document header reads " + hex(header) + " ("
                            + what(header, recordLength, bodyStart) + ")"));
            record(bodyStart);
            readableSinceDamage = false; // this record is only readable by a repair
            return ChronicleFraming.align(bodyStart + recordLength);
        }
        int length = ChronicleFraming.length(header);
        long end = bodyStart + length;
        if (header != 0 && ChronicleFraming.isComplete(header) && !ChronicleFraming.isMetaData(header)
                && end <= window.size() && findWhole(bodyStart, end) < 0 && plausibleAt(ChronicleFraming.align(end))) {
            // The framing holds: the next document starts where this one says it ends. Only the record is damaged.
            boolean keyReadable = length >= RecordLayout.HEADER_LENGTH && window.ensure(bodyStart,
                    RecordLayout.HEADER_LENGTH);
            long key = keyReadable ? getLong(bodyStart + RecordLayout.KEY_OFFSET) : LogDamage.NO_KEY;
            damage(new LogDamage(file, pos, ChronicleFraming.HEADER_SIZE + (long) length, Kind.RECORD, 1, key,
                    keyReadable, length < RecordLayout.OVERHEAD ? "a record shorter than its own layout (torn)"
                    : "a record whose CRC32C does not match its bytes (or whose op or length is impossible)"));
            dataDocuments++;
            readableSinceDamage = true; // Chronicle reads past it
            return ChronicleFraming.align(end);
        }
        return unreadable(pos, "a document header that reads " + hex(header) + " (" + what(header, -1, bodyStart)
                + ")");
    }

    /** A region that is not readable from {@code pos}: reports it up to the next whole record, if any. */
    private long unreadable(long pos, String what) throws IOException {
        long next = findWhole(pos + ChronicleFraming.HEADER_SIZE, window.size());
        long end = next >= 0 ? next : window.endOfNonZero(pos);
        damage(LogDamage.of(file, pos, Math.max(end - pos, ChronicleFraming.HEADER_SIZE), Kind.UNREADABLE, -1,
                what + (next >= 0 ? "; whole records resume at offset " + next
                        : "; no whole record after it (a write cut short, or a damaged last record)")));
        return next;
    }

    private Result result(long size, long dataEnd, boolean endOfFile) {
        LogDamage tail = lastDamage != null && !readableSinceDamage && lastDamage.blocksWriting() ? lastDamage : null;
        return new Result(size, dataDocuments, records, dataEnd < 0 ? size : dataEnd, endOfFile, tail);
    }

    private void damage(LogDamage damage) {
        lastDamage = damage;
        readableSinceDamage = false;
        listener.onDamage(damage);
    }

    private void record(long bodyStart) {
        byte[] a = window.array();
        int o = window.offset(bodyStart);
        LogOp op = LogOp.fromCode(a[o + RecordLayout.OP_OFFSET]);
        long key = getLong(bodyStart + RecordLayout.KEY_OFFSET);
        int length = getIntAt(o + RecordLayout.LENGTH_OFFSET);
        records++;
        if (lastDamage == null || lastDamage.kind() != Kind.HEADER || lastDamage.offset() + ChronicleFraming.HEADER_SIZE
                != bodyStart) {
            readableSinceDamage = true;
        }
        listener.onRecord(op, key, a, o + RecordLayout.HEADER_LENGTH, length);
    }

    /**
     * Whether a whole record starts at {@code bodyStart}, judged by the record's own layout and CRC32C, whatever the
     * document header before it says.
     *
     * @return the record's length in bytes (layout overhead included), or -1
     */
    private int wholeRecordAt(long bodyStart) throws IOException {
        if (!window.ensure(bodyStart, RecordLayout.HEADER_LENGTH)) {
            return -1;
        }
        byte[] a = window.array();
        int o = window.offset(bodyStart);
        if (LogOp.fromCode(a[o + RecordLayout.OP_OFFSET]) == null) {
            return -1;
        }
        int valueLength = getIntAt(o + RecordLayout.LENGTH_OFFSET);
        if (valueLength < 0 || valueLength > maxValueLength) {
            return -1;
        }
        int total = RecordLayout.OVERHEAD + valueLength;
        if (!window.ensure(bodyStart, total)) {
            return -1;
        }
        a = window.array();
        o = window.offset(bodyStart);
        crc.reset();
        crc.update(a, o, RecordLayout.HEADER_LENGTH + valueLength);
        int expected = getIntAt(o + RecordLayout.HEADER_LENGTH + valueLength);
        return (int) crc.getValue() == expected ? total : -1;
    }

    /**
     * The first header position in {@code [from, limit)} (4-byte aligned) at which a whole record starts, or one of
     * Chronicle's index pages; -1 if none.
     */
    private long findWhole(long from, long limit) throws IOException {
        long c = ChronicleFraming.align(from);
        while (c < limit) {
            if (!window.ensure(c, ChronicleFraming.HEADER_SIZE + 1)) {
                return -1; // the file ends
            }
            if (window.getInt(c) == 0 && window.get(c + ChronicleFraming.HEADER_SIZE) == 0) {
                // Neither a header nor an op byte here. Jump over the zero run (a sparse tail is tens of megabytes)
                // to the first candidate whose header word or op byte is the next non-zero byte.
                long nonZero = window.nextNonZero(c);
                if (nonZero < 0 || nonZero >= limit + ChronicleFraming.HEADER_SIZE) {
                    return -1;
                }
                c = Math.max(c + ChronicleFraming.HEADER_SIZE, (nonZero & ~3L) - ChronicleFraming.HEADER_SIZE);
                continue;
            }
            if (wholeRecordAt(c + ChronicleFraming.HEADER_SIZE) >= 0) {
                return c;
            }
            int header = window.getInt(c);
            if (header != 0 && ChronicleFraming.isComplete(header) && ChronicleFraming.isMetaData(header)
                    && c + ChronicleFraming.HEADER_SIZE + ChronicleFraming.length(header) <= window.size()
                    && isIndexPage(c + ChronicleFraming.HEADER_SIZE, ChronicleFraming.length(header))) {
                return c;
            }
            c += ChronicleFraming.HEADER_SIZE;
        }
        return -1;
    }

    /** Whether a document can start at {@code pos}: the end of data, the file's end, or a readable document. */
    private boolean plausibleAt(long pos) throws IOException {
        if (!window.ensure(pos, ChronicleFraming.HEADER_SIZE)) {
            return pos >= window.size();
        }
        int header = window.getInt(pos);
        if (header == 0 || header == ChronicleFraming.END_OF_DATA) {
            return true;
        }
        long body = pos + ChronicleFraming.HEADER_SIZE;
        int length = ChronicleFraming.length(header);
        if (!ChronicleFraming.isComplete(header) || body + length > window.size()) {
            return false;
        }
        return ChronicleFraming.isMetaData(header) ? isIndexPage(body, length) : wholeRecordAt(body) == length;
    }

    private boolean isIndexPage(long bodyStart, int length) throws IOException {
        int probe = Math.min(length, 16);
        return window.ensure(bodyStart, probe)
                && ChronicleFraming.isIndexPage(window.array(), window.offset(bodyStart), length);
    }

    private long getLong(long position) {
        int o = window.offset(position);
        return (getIntAt(o) & 0xFFFFFFFFL) | ((long) getIntAt(o + 4)) << 32;
    }

    private int getIntAt(int o) {
        byte[] a = window.array();
        return (a[o] & 0xFF) | (a[o + 1] & 0xFF) << 8 | (a[o + 2] & 0xFF) << 16 | (a[o + 3] & 0xFF) << 24;
    }

    private static String hex(int header) {
        return String.format("0x%08x", header);
    }

    /** What a damaged document header means to Chronicle. */
    private String what(int header, int recordLength, long bodyStart) {
        if (header == 0) {
            return "zero: Chronicle takes it for the end of the log";
        }
        if (!ChronicleFraming.isComplete(header)) {
            return "marked not complete: Chronicle takes it for a write in progress and reads no further";
        }
        int length = ChronicleFraming.length(header);
        boolean meta = ChronicleFraming.isMetaData(header);
        if (recordLength >= 0 && meta) {
            return "marked as metadata: Chronicle skips the record";
        }
        if (recordLength >= 0) {
            return "length " + length + " where the record is " + recordLength + " bytes: Chronicle loses its place";
        }
        return (meta ? "metadata of length " : "length ") + length
                + (bodyStart + length > window.size() ? ", past the end of the file" : "")
                + ": not a readable document";
    }
}
