package io.crosskernel.kernels.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageEngineTest {
    private static final int VALUE_LENGTH = 64;

    @TempDir
    Path dir;

    /** A deterministic value for (key, version) whose last 4 bytes are a CRC32C of the rest, checked on read. */
    static byte[] valueFor(long key, int version, byte[] dst) {
        long x = key * 0x9E3779B97F4A7C15L + version;
        for (int i = 0; i < VALUE_LENGTH - 4; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            dst[i] = (byte) x;
        }
        CRC32C crc = new CRC32C();
        crc.update(dst, 0, VALUE_LENGTH - 4);
        RecordLayout.putInt(dst, VALUE_LENGTH - 4, (int) crc.getValue());
        return dst;
    }

    static boolean selfChecksumHolds(byte[] v, int length) {
        CRC32C crc = new CRC32C();
        crc.update(v, 0, length - 4);
        return RecordLayout.getInt(v, length - 4) == (int) crc.getValue();
    }

    @Test
    void readsBackHundredThousandRecordsFromANewEngineAfterRestart() {
        int n = 100_000;
        byte[] value = new byte[VALUE_LENGTH];
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir).withSync(SyncPolicy.BATCH, 10_000), n)) {
            for (long key = 0; key < n; key++) {
                engine.put(key, valueFor(key, 0, value));
            }
            assertThat(engine.counters().puts()).isEqualTo(n);
            assertThat(engine.counters().bytesWritten()).isEqualTo((long) n * (VALUE_LENGTH + RecordLayout.OVERHEAD));
        }

        byte[] expected = new byte[VALUE_LENGTH];
        byte[] read = new byte[VALUE_LENGTH];
        try (StorageEngine reopened = StorageEngine.open(LogConfig.of(dir), n)) {
            RecoveryReport report = reopened.recoveryReport();
            assertThat(report.clean()).isTrue();
            assertThat(report.recordsScanned()).isEqualTo(n);
            assertThat(report.liveKeys()).isEqualTo(n);
            for (long key = 0; key < n; key++) {
                assertThat(reopened.get(key, read)).isEqualTo(ReadResult.FOUND);
                assertThat(reopened.lastValueLength()).isEqualTo(VALUE_LENGTH);
                assertThat(selfChecksumHolds(read, VALUE_LENGTH)).isTrue();
                assertThat(read).isEqualTo(valueFor(key, 0, expected));
            }
            assertThat(reopened.counters().gets()).isEqualTo(n);
            assertThat(reopened.counters().corruptRecords()).isZero();
        }
    }

    @Test
    void overwriteKeepsTheLatestValueAcrossRestart() {
        byte[] v = new byte[VALUE_LENGTH];
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            for (int version = 0; version < 5; version++) {
                engine.put(7, valueFor(7, version, v));
            }
            byte[] read = new byte[VALUE_LENGTH];
            assertThat(engine.get(7, read)).isEqualTo(ReadResult.FOUND);
            assertThat(read).isEqualTo(valueFor(7, 4, v));
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            byte[] read = new byte[VALUE_LENGTH];
            assertThat(engine.get(7, read)).isEqualTo(ReadResult.FOUND);
            assertThat(read).isEqualTo(valueFor(7, 4, v));
            assertThat(engine.recoveryReport().recordsScanned()).isEqualTo(5);
            assertThat(engine.size()).isEqualTo(1);
        }
    }

    @Test
    void deletesSurviveRestart() {
        byte[] v = new byte[VALUE_LENGTH];
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir).withSync(SyncPolicy.EVERY, 1))) {
            engine.put(1, valueFor(1, 0, v));
            engine.put(2, valueFor(2, 0, v));
            assertThat(engine.delete(1)).isTrue();
            assertThat(engine.delete(99)).isFalse();
            assertThat(engine.get(1, v)).isEqualTo(ReadResult.NOT_FOUND);
            assertThat(engine.counters().deletes()).isEqualTo(2);
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.get(1, v)).isEqualTo(ReadResult.NOT_FOUND);
            assertThat(engine.get(2, v)).isEqualTo(ReadResult.FOUND);
            assertThat(engine.recoveryReport().liveKeys()).isEqualTo(1);
        }
    }

    @Test
    void putAfterDeleteRevivesTheKey() {
        byte[] v = new byte[VALUE_LENGTH];
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(3, valueFor(3, 0, v));
            engine.delete(3);
            engine.put(3, valueFor(3, 1, v));
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            byte[] read = new byte[VALUE_LENGTH];
            assertThat(engine.get(3, read)).isEqualTo(ReadResult.FOUND);
            assertThat(read).isEqualTo(valueFor(3, 1, v));
        }
    }

    @Test
    void reportsBufferTooSmallWithTheValueLength() {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(5, new byte[100]);
            assertThat(engine.get(5, new byte[10])).isEqualTo(ReadResult.BUFFER_TOO_SMALL);
            assertThat(engine.lastValueLength()).isEqualTo(100);
            assertThat(engine.get(5, new byte[120], 20)).isEqualTo(ReadResult.FOUND);
        }
    }

    @Test
    void emptyValuesAreStoredAndDistinctFromAbsence() {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(8, new byte[0]);
            assertThat(engine.get(8, new byte[0])).isEqualTo(ReadResult.FOUND);
            assertThat(engine.lastValueLength()).isZero();
            assertThat(engine.get(9, new byte[0])).isEqualTo(ReadResult.NOT_FOUND);
        }
    }

    @Test
    void rejectsValuesLargerThanTheConfiguredMaximum() {
        LogConfig config = new LogConfig(dir, SyncPolicy.NONE, 1, 16);
        try (StorageEngine engine = StorageEngine.open(config)) {
            assertThatThrownBy(() -> engine.put(1, new byte[17])).isInstanceOf(IllegalArgumentException.class);
            engine.put(1, new byte[16]);
            assertThat(engine.counters().puts()).isEqualTo(1);
        }
    }

    @Test
    void everySyncPolicyReadsBackTheSameData() {
        byte[] v = new byte[VALUE_LENGTH];
        byte[] read = new byte[VALUE_LENGTH];
        for (SyncPolicy policy : SyncPolicy.values()) {
            Path sub = dir.resolve(policy.name());
            try (StorageEngine engine = StorageEngine.open(LogConfig.of(sub).withSync(policy, 3))) {
                for (long key = 0; key < 10; key++) {
                    engine.put(key, valueFor(key, 1, v));
                }
                engine.sync();
            }
            try (StorageEngine engine = StorageEngine.open(LogConfig.of(sub))) {
                for (long key = 0; key < 10; key++) {
                    assertThat(engine.get(key, read)).isEqualTo(ReadResult.FOUND);
                    assertThat(read).isEqualTo(valueFor(key, 1, v));
                }
            }
        }
    }
}
