package io.crosskernel.kernels.storage;

import static io.crosskernel.kernels.storage.LogFiles.HeaderDamage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15, defect 1: a damaged Chronicle document header must never hide acknowledged records. Each test writes a
 * log, damages one 4-byte header on disk, and checks that every record written before and after the damage is
 * recovered, or that the open is refused with the file, the offset and the repair named (and the repair then gets
 * them all back). Before the fix, a zeroed header in the middle made recovery stop there, report 0 corrupt, and later
 * appends land where the next recovery could not see them.
 */
@Timeout(60)
class DamagedFramingTest {
    private static final int RECORDS = 600; // spans more than two of Chronicle's index spacings (256)

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(HeaderDamage.class)
    void aDamagedHeaderInTheMiddleRefusesTheOpenAndRepairRecoversEveryRecord(HeaderDamage damage) throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path file = LogFiles.cycleFile(dir);
        long sizeBefore = Files.size(file);
        long at = LogFiles.damageHeader(dir, RECORDS / 2, damage);

        assertThatThrownBy(() -> StorageEngine.open(LogConfig.of(dir)))
                .isInstanceOf(LogDamagedException.class)
                .hasMessageContaining(file.getFileName() + " offset " + at)
                .hasMessageContaining("not opened for writing")
                .hasMessageContaining("xk storage repair " + dir);
        assertThat(Files.size(file)).as("a refused open touches nothing (a huge length grew it to 1.16 GB)")
                .isEqualTo(sizeBefore);

        LogRepair.Result repair = LogRepair.repair(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(repair.repaired()).isTrue();
        assertThat(repair.recordsCopied()).as("only the header was damaged: every record is whole").isEqualTo(RECORDS);
        assertThat(repair.keptAside()).exists();
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().clean()).isTrue();
            assertThat(LogFiles.readable(engine, 0, RECORDS)).isEqualTo(RECORDS);
        }
    }

    @Test
    void theRefusalReportsTheRegionAsCorruptWithItsSize() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        long at = LogFiles.damageHeader(dir, 100, HeaderDamage.ZERO);
        LogInspection inspection = LogInspector.inspect(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(inspection.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(LogDamage.Kind.HEADER);
            assertThat(d.offset()).isEqualTo(at);
            assertThat(d.length()).isEqualTo(4);
            assertThat(d.recordsLost()).isZero();
            assertThat(d.detail()).contains("0x00000000").contains("end of the log");
        });
        assertThat(inspection.records()).isEqualTo(RECORDS);
    }

    @ParameterizedTest
    @EnumSource(value = HeaderDamage.class, names = {"ZERO", "NOT_COMPLETE", "METADATA", "LONGER_BY_4",
            "SHORTER_BY_4", "HUGE_LENGTH", "GARBAGE"})
    void aWholeLastRecordWithADamagedHeaderIsRestoredAndLaterAppendsAreRecovered(HeaderDamage damage)
            throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        LogFiles.damageHeader(dir, RECORDS - 1, damage);

        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().tailRecovery()).contains("restored the document header");
            assertThat(LogFiles.readable(engine, 0, RECORDS)).isEqualTo(RECORDS);
            LogFiles.putRange(engine, RECORDS, RECORDS + 50);
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().tailRecovery()).isNull();
            assertThat(engine.recoveryReport().recordsScanned()).isEqualTo(RECORDS + 50);
            assertThat(LogFiles.readable(engine, 0, RECORDS + 50)).isEqualTo(RECORDS + 50);
        }
    }

    @Test
    void aDamagedLastRecordThatChronicleCommittedRefusesTheOpen() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path file = LogFiles.cycleFile(dir);
        long at = LogFiles.damageHeader(dir, RECORDS - 1, HeaderDamage.ZERO);
        LogFiles.write(file, at + 4 + RecordLayout.HEADER_LENGTH + 3, new byte[] {(byte) 0xFF}); // and its value

        assertThatThrownBy(() -> StorageEngine.open(LogConfig.of(dir)))
                .isInstanceOf(LogDamagedException.class)
                .hasMessageContaining("offset " + at);
        assertThat(LogFiles.readInt(file, at)).as("nothing was changed").isZero();
    }

    @Test
    void aWriteCutShortByACrashIsDiscardedAndLaterAppendsAreRecovered() throws IOException {
        Path crashed = dir.resolve("crashed");
        Path live = dir.resolve("live");
        LogFiles.writeLog(live, 10);
        // What kill -9 in the middle of an append leaves: the record's bytes partly written, never committed. The
        // table store is copied before the write takes Chronicle's write lock, which a dead process's successor
        // would find released (this one's is held by the test's own, living, process).
        Files.createDirectories(crashed);
        Files.copy(live.resolve(ChronicleFraming.TABLE_STORE_NAME), crashed.resolve(ChronicleFraming.TABLE_STORE_NAME));
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(live).rollCycle(ChronicleFraming.ROLL_CYCLE).build();
                ExcerptAppender appender = q.createAppender()) {
            DocumentContext dc = appender.writingDocument();
            byte[] partial = new byte[RecordLayout.HEADER_LENGTH + 10];
            RecordLayout.encodeHeader(partial, LogOp.PUT.code(), 10, LogFiles.VALUE_LENGTH);
            dc.wire().bytes().write(partial);
            // the mapping is shared: the copy sees the bytes as a crash leaves them
            Path file = LogFiles.cycleFile(live);
            Files.copy(file, crashed.resolve(file.getFileName()));
            dc.rollbackOnClose();
            dc.close();
        }

        try (StorageEngine engine = StorageEngine.open(LogConfig.of(crashed))) {
            assertThat(engine.recoveryReport().tailRecovery()).contains("discarded a write cut short");
            assertThat(LogFiles.readable(engine, 0, 10)).isEqualTo(10);
            LogFiles.putRange(engine, 10, 20);
        }
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(crashed))) {
            assertThat(engine.recoveryReport().recordsScanned()).isEqualTo(20);
            assertThat(LogFiles.readable(engine, 0, 20)).isEqualTo(20);
        }
    }

    @Test
    void aDamagedRecordInsideIntactFramingStillOpensAndIsReportedWithItsOffset() throws IOException {
        LogFiles.writeLog(dir, 20);
        Path file = LogFiles.cycleFile(dir);
        long at = LogFiles.headerOf(file, 7);
        LogFiles.write(file, at + 4 + RecordLayout.HEADER_LENGTH + 5, new byte[] {0x01});

        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            RecoveryReport report = engine.recoveryReport();
            assertThat(report.corruptRecords()).isEqualTo(1);
            assertThat(report.damage()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(LogDamage.Kind.RECORD);
                assertThat(d.offset()).isEqualTo(at);
                assertThat(d.keyAsRead()).isEqualTo(7);
            });
            assertThat(engine.get(7, new byte[64])).isEqualTo(ReadResult.CORRUPT);
            assertThat(LogFiles.readable(engine, 8, 20)).isEqualTo(12);
        }
    }

    @Test
    void repairKeepsADamagedRecordsKeyMarkedCorruptInsteadOfServingItsOlderValue() throws IOException {
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            engine.put(3, LogFiles.value(1000));
            LogFiles.putRange(engine, 0, 10); // key 3's latest value is value(3)
        }
        Path file = LogFiles.cycleFile(dir);
        LogFiles.write(file, LogFiles.headerOf(file, 3) + 4 + RecordLayout.HEADER_LENGTH + 9, new byte[] {0x42});

        LogRepair.Result repair = LogRepair.repair(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(repair.lostMarkers()).isEqualTo(1);
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().clean()).isTrue();
            assertThat(engine.get(3, new byte[64])).as("never value(1000), which is stale")
                    .isEqualTo(ReadResult.CORRUPT);
            assertThat(LogFiles.readable(engine, 4, 10)).isEqualTo(6);
            engine.put(3, LogFiles.value(3));
            assertThat(LogFiles.readable(engine, 3, 4)).isEqualTo(1);
        }
    }

    @Test
    void repairLeavesACleanLogUntouched() throws IOException {
        LogFiles.writeLog(dir, 5);
        LogRepair.Result repair = LogRepair.repair(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(repair.repaired()).isFalse();
        assertThat(repair.keptAside()).isNull();
        try (var siblings = Files.list(dir.getParent())) {
            assertThat(siblings.filter(p -> p.getFileName().toString().startsWith(dir.getFileName() + "."))).isEmpty();
        }
    }
}
