package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs laid out as Chronicle lays them out over time: index pages between records, several daily cycle files. The
 * framing check must read them as clean (no false alarm that would refuse a healthy log), and still find damage in
 * them.
 */
@Timeout(60)
class LogLayoutsTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void indexPagesBetweenRecordsAreReadAsChroniclesOwnMetadata() throws IOException {
        // eight records per index page: an index page document every eight records
        try (RawLog log = new RawLog(dir, new SetTimeProvider(Instant.now()), 16, 2)) {
            log.putRange(0, 300);
        }
        LogInspection inspection = LogInspector.inspect(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(inspection.clean()).as(inspection.damage().toString()).isTrue();
        assertThat(inspection.records()).isEqualTo(300);
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(LogFiles.readable(engine, 0, 300)).isEqualTo(300);
            LogFiles.putRange(engine, 300, 320);
        }
        LogFiles.damageHeader(dir, 150, LogFiles.HeaderDamage.ZERO);
        assertThatThrownBy(() -> StorageEngine.open(LogConfig.of(dir))).isInstanceOf(LogDamagedException.class);
        assertThat(LogRepair.repair(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH).recordsCopied()).isEqualTo(320);
    }

    /** Keys 0..49 on 2026-01-01, 50..99 on the next day: two cycle files. */
    private void writeTwoDays() {
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-01-01T10:00:00Z"));
        try (RawLog log = new RawLog(dir, time, 0, 0)) {
            log.putRange(0, 50);
            time.currentTimeMillis(time.currentTimeMillis() + DAY);
            log.putRange(50, 100);
        }
    }

    @Test
    void aLogOverSeveralDaysIsCleanAndTodaysAppendsJoinIt() throws IOException {
        writeTwoDays();
        LogInspection written = LogInspector.inspect(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(written.clean()).as(written.damage().toString()).isTrue();
        assertThat(written.files()).hasSize(2);
        assertThat(written.files().get(0).endOfFileMarker()).as("Chronicle ended the superseded cycle").isTrue();

        // a later run, today: a third cycle file
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(LogFiles.readable(engine, 0, 100)).isEqualTo(100);
            LogFiles.putRange(engine, 100, 150);
        }
        LogInspection later = LogInspector.inspect(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(later.clean()).as(later.damage().toString()).isTrue();
        assertThat(later.files()).hasSize(3);
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().recordsScanned()).isEqualTo(150);
            assertThat(LogFiles.readable(engine, 0, 150)).isEqualTo(150);
        }
    }

    @Test
    void damageInAnEarlierCycleFileIsFoundThere() throws IOException {
        writeTwoDays();
        List<Path> files = LogFiles.cycleFiles(dir);
        long at = LogFiles.headerOf(files.get(0), 20);
        LogFiles.writeInt(files.get(0), at, LogFiles.HeaderDamage.HUGE_LENGTH.apply(0));

        assertThatThrownBy(() -> StorageEngine.open(LogConfig.of(dir))).isInstanceOf(LogDamagedException.class)
                .hasMessageContaining(files.get(0).getFileName() + " offset " + at);
        LogRepair.Result repair = LogRepair.repair(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(repair.recordsCopied()).isEqualTo(100);
    }
}
