package io.crosskernel.kernels.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CorruptionRecoveryTest {
    @TempDir
    Path dir;

    private static byte[] marker(int fill) {
        byte[] v = new byte[64];
        Arrays.fill(v, (byte) fill);
        return v;
    }

    @Test
    void detectsAValueCorruptedOnDiskAtReopenAndNeverServesIt() throws IOException {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(1, marker(0x11));
            engine.put(2, marker(0x5A));
            engine.put(3, marker(0x33));
        }
        DiskCorruption.flipBitInside(dir, marker(0x5A));

        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            RecoveryReport report = engine.recoveryReport();
            assertThat(report.clean()).isFalse();
            assertThat(report.corruptRecords()).isEqualTo(1);
            assertThat(report.truncatedRecords()).isZero();
            assertThat(report.corruptKeys()).isEqualTo(1);
            assertThat(engine.counters().corruptRecords()).isEqualTo(1);

            byte[] read = new byte[64];
            Arrays.fill(read, (byte) 0x77);
            assertThat(engine.get(2, read)).isEqualTo(ReadResult.CORRUPT);
            assertThat(read).as("no corrupt data copied").containsOnly((byte) 0x77);
            assertThat(engine.get(1, read)).isEqualTo(ReadResult.FOUND);
            assertThat(read).isEqualTo(marker(0x11));
            assertThat(engine.get(3, read)).isEqualTo(ReadResult.FOUND);

            // a new write supersedes the damaged record
            engine.put(2, marker(0x22));
            assertThat(engine.get(2, read)).isEqualTo(ReadResult.FOUND);
            assertThat(read).isEqualTo(marker(0x22));
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.get(2, new byte[64])).isEqualTo(ReadResult.FOUND);
            assertThat(engine.isCorrupt(2)).isFalse();
            assertThat(engine.recoveryReport().corruptRecords()).as("the old damage is still reported").isEqualTo(1);
        }
    }

    @Test
    void corruptLatestRecordHidesTheOlderValueInsteadOfServingItStale() throws IOException {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(4, marker(0x01));
            engine.put(4, marker(0x6B));
        }
        DiskCorruption.flipBitInside(dir, marker(0x6B));
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.get(4, new byte[64])).isEqualTo(ReadResult.CORRUPT);
        }
    }

    @Test
    void getVerifiesTheCrcOfDamageThatAppearsAfterOpen() throws IOException {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(9, marker(0x4C));
            assertThat(engine.recoveryReport().clean()).isTrue();
            // the queue maps the file shared, so a write through another mapping is what the next read sees
            DiskCorruption.flipBitInside(dir, marker(0x4C));
            byte[] read = new byte[64];
            assertThat(engine.get(9, read)).isEqualTo(ReadResult.CORRUPT);
            assertThat(engine.isCorrupt(9)).isTrue();
            assertThat(engine.counters().corruptRecords()).isEqualTo(1);
            assertThat(engine.get(9, read)).isEqualTo(ReadResult.CORRUPT);
        }
    }

    @Test
    void detectsARecordWrittenWithAWrongCrc() {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(1, marker(0x01));
            byte[] raw = new byte[RecordLayout.OVERHEAD + 8];
            RecordLayout.encodeHeader(raw, LogOp.PUT.code(), 5, 8);
            RecordLayout.putInt(raw, RecordLayout.HEADER_LENGTH + 8, 0xDEADBEEF);
            engine.log().appendRaw(raw, raw.length);
            engine.put(6, marker(0x06));
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().corruptRecords()).isEqualTo(1);
            assertThat(engine.get(5, new byte[64])).isEqualTo(ReadResult.CORRUPT);
            assertThat(engine.get(1, new byte[64])).isEqualTo(ReadResult.FOUND);
            assertThat(engine.get(6, new byte[64])).as("records after the damage are recovered").isEqualTo(ReadResult.FOUND);
        }
    }

    @Test
    void opensWithATruncatedTailAndReportsIt() {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(1, marker(0x01));
            engine.put(2, marker(0x02));
            // a record whose header promises 64 bytes of value but whose write was cut after 10
            byte[] whole = new byte[RecordLayout.OVERHEAD + 64];
            RecordLayout.encodeHeader(whole, LogOp.PUT.code(), 2, 64);
            engine.log().appendRaw(whole, RecordLayout.HEADER_LENGTH + 10);
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            RecoveryReport report = engine.recoveryReport();
            assertThat(report.truncatedRecords()).isEqualTo(1);
            assertThat(report.corruptRecords()).isZero();
            assertThat(report.recordsScanned()).isEqualTo(3);
            assertThat(engine.get(1, new byte[64])).isEqualTo(ReadResult.FOUND);
            assertThat(engine.get(2, new byte[64])).isEqualTo(ReadResult.CORRUPT);
            // the engine keeps working after the torn tail
            engine.put(3, marker(0x03));
            assertThat(engine.get(3, new byte[64])).isEqualTo(ReadResult.FOUND);
        }
    }

    @Test
    void tailTooShortToHoldAKeyIsCountedWithoutMarkingAnyKey() {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(1, marker(0x01));
            engine.log().appendRaw(new byte[] {1, 2, 3}, 3);
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().truncatedRecords()).isEqualTo(1);
            assertThat(engine.recoveryReport().corruptKeys()).isZero();
            assertThat(engine.get(1, new byte[64])).isEqualTo(ReadResult.FOUND);
        }
    }

    @Test
    void impossibleLengthFieldIsReportedAsCorrupt() {
        try (StorageEngine engine = StorageEngine.open(new LogConfig(dir, SyncPolicy.NONE, 1, 128))) {
            byte[] raw = new byte[RecordLayout.OVERHEAD];
            RecordLayout.encodeHeader(raw, LogOp.PUT.code(), 11, -5);
            engine.log().appendRaw(raw, raw.length);
        }
        try (StorageEngine engine = StorageEngine.open(new LogConfig(dir, SyncPolicy.NONE, 1, 128))) {
            assertThat(engine.recoveryReport().corruptRecords()).isEqualTo(1);
            assertThat(engine.get(11, new byte[128])).isEqualTo(ReadResult.CORRUPT);
        }
    }
}
