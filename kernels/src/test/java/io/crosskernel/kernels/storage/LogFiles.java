package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-only: writes logs whose records are easy to find on disk, and damages their files byte by byte. Finds records
 * by their values, never through the code under test.
 */
final class LogFiles {
    static final int VALUE_LENGTH = 24;
    private static final int MARK = 0x5EC0DE00;

    private LogFiles() {
    }

    /** The value record {@code i} carries: a marker word with {@code i} in it, then bytes derived from {@code i}. */
    static byte[] value(int i) {
        byte[] v = new byte[VALUE_LENGTH];
        ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MARK ^ i).putInt(i);
        for (int k = 8; k < v.length; k++) {
            v[k] = (byte) (i * 31 + k);
        }
        return v;
    }

    /** Puts keys {@code from..to-1}, key {@code i} holding {@link #value(int) value(i)}. */
    static void putRange(StorageEngine engine, int from, int to) {
        for (int i = from; i < to; i++) {
            engine.put(i, value(i));
        }
    }

    /** Writes a new log of keys {@code 0..count-1}. */
    static void writeLog(Path dir, int count) {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            putRange(engine, 0, count);
        }
    }

    /** The only cycle file in {@code dir}. */
    static Path cycleFile(Path dir) throws IOException {
        List<Path> files = cycleFiles(dir);
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    static List<Path> cycleFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /**
     * Offset of the Chronicle document header of the record holding {@link #value(int) value(i)}: its value starts
     * 13 bytes into the record (op, key, length), which starts after the 4-byte header.
     */
    static long headerOf(Path file, int i) throws IOException {
        byte[] needle = value(i);
        byte[] data = Files.readAllBytes(file);
        for (int at = 0; at + needle.length <= data.length; at++) {
            if (data[at] == needle[0] && java.util.Arrays.equals(data, at, at + needle.length, needle, 0,
                    needle.length)) {
                return at - RecordLayout.HEADER_LENGTH - 4;
            }
        }
        throw new AssertionError("record " + i + " not found in " + file);
    }

    static int readInt(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, offset);
            return b.getInt(0);
        }
    }

    static void writeInt(Path file, long offset, int value) throws IOException {
        write(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value).array());
    }

    static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b, offset + b.position());
            }
            ch.force(false);
        }
    }

    /** How a test damages one document header. */
    enum HeaderDamage {
        ZERO {
            @Override
            int apply(int header) {
                return 0;
            }
        },
        HUGE_LENGTH {
            @Override
            int apply(int header) {
                return 0x3FFF_FFF0;
            }
        },
        NOT_COMPLETE {
            @Override
            int apply(int header) {
                return header | 0x8000_0000;
            }
        },
        METADATA {
            @Override
            int apply(int header) {
                return header | 0x4000_0000;
            }
        },
        LONGER_BY_4 {
            @Override
            int apply(int header) {
                return header + 4;
            }
        },
        SHORTER_BY_4 {
            @Override
            int apply(int header) {
                return header - 4;
            }
        },
        GARBAGE {
            @Override
            int apply(int header) {
                return 0x1234_5678;
            }
        };

        abstract int apply(int header);
    }

    /** Damages the document header of record {@code i} in the only cycle file of {@code dir}. */
    static long damageHeader(Path dir, int i, HeaderDamage damage) throws IOException {
        Path file = cycleFile(dir);
        long at = headerOf(file, i);
        writeInt(file, at, damage.apply(readInt(file, at)));
        return at;
    }

    /** Reads every key {@code from..to-1} back and counts those that hold exactly {@link #value(int) value(i)}. */
    static int readable(StorageEngine engine, int from, int to) {
        byte[] buffer = new byte[VALUE_LENGTH];
        int ok = 0;
        for (int i = from; i < to; i++) {
            if (engine.get(i, buffer) == ReadResult.FOUND && engine.lastValueLength() == VALUE_LENGTH
                    && java.util.Arrays.equals(buffer, value(i))) {
                ok++;
            }
        }
        return ok;
    }

    /** Deletes {@code root} and everything below it (for properties, whose tries cannot use {@code @TempDir}). */
    static void deleteTree(Path root) throws IOException {
        LogRepair.deleteTree(root);
    }
}
