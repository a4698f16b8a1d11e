package io.crosskernel.kernels.storage;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.Wires;

/**
 * The parts of Chronicle Queue's on-disk layout that this package reads itself, without Chronicle. Stateless.
 *
 * <p>Why hand-read: Chronicle treats a document header it cannot use as the end of the queue or as a write still in
 * progress. A zeroed header in the middle of a cycle file therefore hides every record after it, and Chronicle's next
 * append lands where the next recovery cannot see it; a header with a huge length makes it map and grow the file
 * (1.16 GB from one flipped word); a damaged file header makes its readers wait for a header that never comes. Only a
 * reader that does not trust the framing can find such damage, tell how far it reaches and find the records beyond
 * it, so {@link CycleFileScanner} walks the framing itself, and checks each candidate record by its own CRC32C.
 *
 * <p>What it relies on (Chronicle Queue 5.x / 2026.x, single-file-per-cycle stores):
 * <ul>
 *   <li>A cycle file is a sequence of documents, each a 4-byte little-endian header then its body, every header on a
 *       4-byte boundary. The header holds the body's length (low 30 bits), a metadata bit and a "not complete" bit
 *       ({@link Wires#LENGTH_MASK}, {@link Wires#META_DATA}, {@link Wires#NOT_COMPLETE}).</li>
 *   <li>A header of 0 is where the next document will go: nothing but zeros follows it in a healthy file (Chronicle
 *       sizes the file ahead, sparsely). {@link Wires#END_OF_DATA} ends a cycle file that a later cycle superseded;
 *       Chronicle writes the binary-wire field name {@code EOF} in the four bytes after it.</li>
 *   <li>The first document is metadata: the store header, binary wire starting with the field {@code header} typed
 *       {@code SCQStore}. Index pages are metadata documents named {@code index2index} and {@code index}.</li>
 *   <li>The table store {@code metadata.cq4t} starts with a metadata document typed {@code STStore}.</li>
 * </ul>
 */
final class ChronicleFraming {
    /** The log's roll cycle: one cycle file per day, named {@code yyyyMMdd'F'.cq4}. */
    static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
    static final String CYCLE_FILE_SUFFIX = ".cq4";
    static final String TABLE_STORE_NAME = "metadata.cq4t";

    static final int HEADER_SIZE = 4;
    static final int LENGTH_MASK = Wires.LENGTH_MASK;
    static final int META_DATA = Wires.META_DATA;
    static final int NOT_COMPLETE = Wires.NOT_COMPLETE;
    static final int END_OF_DATA = Wires.END_OF_DATA;

    /** Binary wire: a field name of {@code n} bytes is written as {@code 0xC0 + n}, or {@code 0xB9 n} (long form). */
    private static final int FIELD_NAME_LONG_FORM = 0xB9;
    /** Binary wire: a type prefix of {@code n} bytes. */
    private static final int TYPE_PREFIX = 0xB6;

    /** What follows {@link #END_OF_DATA}: the field name {@code EOF} in binary wire's short form (0xC0 + length). */
    static final byte[] END_OF_DATA_TRAILER = {(byte) 0xC3, 'E', 'O', 'F'};
    static final byte[] STORE_HEADER = wirePrefix("header", "SCQStore");
    static final byte[] TABLE_STORE_HEADER = wirePrefix("header", "STStore");
    private static final byte[][] INDEX_NAMES = {ascii("index2index"), ascii("index")};

    private static final DateTimeFormatter CYCLE_NAME = DateTimeFormatter.ofPattern(ROLL_CYCLE.format());

    private ChronicleFraming() {
    }

    /** The position of the next header after a document whose body ends at {@code end}. */
    static long align(long end) {
        return (end + 3) & ~3L;
    }

    static int length(int header) {
        return header & LENGTH_MASK;
    }

    static boolean isMetaData(int header) {
        return (header & META_DATA) != 0;
    }

    static boolean isComplete(int header) {
        return (header & NOT_COMPLETE) == 0;
    }

    /** The header Chronicle writes for a complete data document of {@code length} body bytes. */
    static int dataHeader(int length) {
        return length;
    }

    /**
     * The cycle number of a cycle file called {@code fileName}, or -1 when the name is not one this log's roll cycle
     * produces. For the daily cycle the number is the day since 1970-01-01 (UTC), as Chronicle counts it.
     */
    static int cycleOf(String fileName) {
        if (!fileName.endsWith(CYCLE_FILE_SUFFIX)) {
            return -1;
        }
        String stem = fileName.substring(0, fileName.length() - CYCLE_FILE_SUFFIX.length());
        try {
            return Math.toIntExact(LocalDate.parse(stem, CYCLE_NAME).toEpochDay());
        } catch (DateTimeParseException | ArithmeticException e) {
            return -1;
        }
    }

    /** Whether {@code body} (the first bytes of a metadata document's body) names one of Chronicle's index pages. */
    static boolean isIndexPage(byte[] buffer, int bodyOffset, int bodyLength) {
        for (byte[] name : INDEX_NAMES) {
            if (bodyLength >= name.length + 2 && (buffer[bodyOffset] & 0xFF) == FIELD_NAME_LONG_FORM
                    && buffer[bodyOffset + 1] == name.length
                    && java.util.Arrays.equals(buffer, bodyOffset + 2, bodyOffset + 2 + name.length, name, 0,
                    name.length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the body at {@code bodyOffset} starts with {@code prefix}. */
    static boolean startsWith(byte[] buffer, int bodyOffset, int bodyLength, byte[] prefix) {
        return bodyLength >= prefix.length
                && java.util.Arrays.equals(buffer, bodyOffset, bodyOffset + prefix.length, prefix, 0, prefix.length);
    }

    /** {@code field: !type}: the first bytes of a binary-wire document written as a typed field. */
    private static byte[] wirePrefix(String field, String type) {
        byte[] f = ascii(field);
        byte[] t = ascii(type);
        byte[] out = new byte[2 + f.length + 2 + t.length];
        out[0] = (byte) FIELD_NAME_LONG_FORM;
        out[1] = (byte) f.length;
        System.arraycopy(f, 0, out, 2, f.length);
        out[2 + f.length] = (byte) TYPE_PREFIX;
        out[3 + f.length] = (byte) t.length;
        System.arraycopy(t, 0, out, 4 + f.length, t.length);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
