package io.crosskernel.kernels.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, defect 2: a damaged cycle-file header, or a stray, garbage or empty {@code .cq4} file, must fail the
 * open within a second or two with the file named, never hang. Before the fix, boot took 45-50 s, reported
 * "recovered 0 records" for a log of 7 051, and the first put blocked forever in Chronicle's readFirstHeader. The
 * open runs under a timeout that proves there is no hang (well under Chronicle's own 10-15 s waits, with room for a
 * loaded machine).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DamagedLogFilesTest {
    private static final int RECORDS = 300;
    private static final Duration NO_HANG = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    @Test
    void garbageInTheCycleFileHeaderFailsPromptlyNamingTheFileAndRepairSalvagesTheRecords() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path file = LogFiles.cycleFile(dir);
        byte[] garbage = new byte[64];
        new Random(15).nextBytes(garbage);
        LogFiles.write(file, 0, garbage);

        assertRefusedPromptly(file, "does not start with Chronicle's queue store header");

        LogRepair.Result repair = LogRepair.repair(dir, LogConfig.DEFAULT_MAX_VALUE_LENGTH);
        assertThat(repair.recordsCopied()).as("the records after the damaged file header are whole")
                .isEqualTo(RECORDS);
        try (StorageEngine engine = StorageEngine.open(LogConfig.of(dir))) {
            assertThat(engine.recoveryReport().recordsScanned()).isEqualTo(RECORDS);
            assertThat(LogFiles.readable(engine, 0, RECORDS)).isEqualTo(RECORDS);
        }
    }

    @Test
    void anEmptyExtraCycleFileFailsPromptlyNamingIt() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path stray = dir.resolve("20991231F.cq4");
        Files.createFile(stray);
        assertRefusedPromptly(stray, "empty file");
    }

    @Test
    void aGarbageExtraCycleFileFailsPromptlyNamingIt() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path stray = dir.resolve("20991231F.cq4");
        byte[] garbage = new byte[4096];
        new Random(2).nextBytes(garbage);
        Files.write(stray, garbage);
        assertRefusedPromptly(stray, "does not start with Chronicle's queue store header");
    }

    @Test
    void aCq4FileNotNamedAsACycleFileIsRefusedNamingIt() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path stray = dir.resolve("backup.cq4");
        Files.copy(LogFiles.cycleFile(dir), stray);
        assertRefusedPromptly(stray, "not a cycle file of this log");
    }

    @Test
    void aDamagedTableStoreIsRefusedNamingIt() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path tableStore = dir.resolve("metadata.cq4t");
        LogFiles.write(tableStore, 0, new byte[32]);
        assertRefusedPromptly(tableStore, "table store");
    }

    @Test
    void aMissingEndOfFileMarkerBeforeALaterCycleIsRefused() throws IOException {
        LogFiles.writeLog(dir, RECORDS);
        Path file = LogFiles.cycleFile(dir);
        // A later cycle file with a valid header and no records: the first file is then a superseded cycle that
        // Chronicle's readers expect to end with an end-of-file marker.
        Path later = dir.resolve("20991231F.cq4");
        Files.copy(file, later);
        LogFiles.write(later, LogFiles.headerOf(later, 0), new byte[64 * RECORDS]);
        assertRefusedPromptly(file, "end-of-file marker");
    }

    private void assertRefusedPromptly(Path named, String what) {
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> StorageEngine.open(LogConfig.of(dir)))
                .isInstanceOf(LogDamagedException.class)
                .hasMessageContaining(named.getFileName().toString())
                .hasMessageContaining(what)
                .hasMessageContaining("xk storage repair"));
    }
}
