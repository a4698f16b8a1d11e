package io.crosskernel.api.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycleFileSpaceTest {
    @TempDir
    Path dir;

    @Test
    void allocatesAheadInStepsAndNeverWritesBelowTheRecordBeingWritten() throws IOException {
        Path file = dir.resolve("20260101F.cq4");
        byte[] existing = new byte[8192];
        Arrays.fill(existing, (byte) 0x77);
        Files.write(file, existing);
        try (CycleFileSpace space = new CycleFileSpace(java.util.concurrent.TimeUnit.DAYS.toMillis(1), CycleFileSpace.STEP)) {
            space.switchTo(20454, file, 0);
            space.reserve(8000, 100);
            long size = Files.size(file);
            assertThat(size).isGreaterThanOrEqualTo(8000 + CycleFileSpace.STEP).isEqualTo((size + 4095) / 4096 * 4096);
            byte[] after = Files.readAllBytes(file);
            assertThat(Arrays.copyOfRange(after, 0, 8000)).as("bytes before the record are untouched")
                    .containsOnly((byte) 0x77);
            assertThat(Arrays.copyOfRange(after, 8000, after.length)).containsOnly((byte) 0);

            Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND); // past the reservation
            long grown = Files.size(file);
            space.reserve(9000, 100);
            assertThat(Files.size(file)).as("within the reservation: nothing written").isEqualTo(grown);
        }
    }

    @Test
    void aNewCycleFileMayStartOnlyOnceTheWallClockReachesTheNextCycle() throws IOException {
        long day = java.util.concurrent.TimeUnit.DAYS.toMillis(1);
        try (CycleFileSpace space = new CycleFileSpace(java.util.concurrent.TimeUnit.DAYS.toMillis(1), CycleFileSpace.STEP)) {
            assertThat(space.mayStartNewFile(0)).as("no file open yet").isTrue();
            space.switchTo(20454, Files.createFile(dir.resolve("20260101F.cq4")), 0);
            assertThat(space.mayStartNewFile(20455 * day - 1)).isFalse();
            assertThat(space.mayStartNewFile(20455 * day)).isTrue();
        }
    }

    @Test
    void recognisesAFullFileSystemAmongCauses() {
        assertThat(CycleFileSpace.isNoSpace(new IOException("No space left on device"))).isTrue();
        assertThat(CycleFileSpace.isNoSpace(new RuntimeException(new IOException("Disk quota exceeded")))).isTrue();
        assertThat(CycleFileSpace.isNoSpace(new IOException("Input/output error"))).isFalse();
        assertThat(CycleFileSpace.isNoSpace(new InternalError("a fault occurred in a recent unsafe memory access"
                + " operation"))).as("a fault alone does not say why").isFalse();
        assertThat(CycleFileSpace.isMappedWriteFault(new InternalError("a fault occurred in a recent unsafe memory"
                + " access operation in compiled Java code"))).isTrue();
        assertThat(CycleFileSpace.isMappedWriteFault(new InternalError("something else"))).isFalse();
    }

    @Test
    void saysWhatIsAlreadyAllocatedAheadSoThatASmallLastEntryStillFits() throws IOException {
        try (CycleFileSpace space = new CycleFileSpace(java.util.concurrent.TimeUnit.DAYS.toMillis(1), 64 << 10)) {
            assertThat(space.isAllocated(0, 1)).as("no file yet").isFalse();
            space.switchTo(20454, Files.createFile(dir.resolve("20260101F.cq4")), 0);
            space.reserve(4096, 100);
            assertThat(space.isAllocated(4196, CycleFileSpace.HEADROOM)).isTrue();
            assertThat(Files.size(dir.resolve("20260101F.cq4"))).isEqualTo(4096 + 100 + CycleFileSpace.HEADROOM
                    + 4095 & ~4095L);
        }
    }
}
