package io.crosskernel.kernels.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurableLogTest {
    @TempDir
    Path dir;

    private static long appendN(DurableLog log, int n) {
        long last = -1;
        for (int i = 0; i < n; i++) {
            last = log.append(LogOp.PUT, i, new byte[] {(byte) i}, 0, 1);
        }
        return last;
    }

    @Test
    void everyPolicyForcesOncePerAppend() {
        try (DurableLog log = DurableLog.open(LogConfig.of(dir).withSync(SyncPolicy.EVERY, 1))) {
            appendN(log, 7);
            assertThat(log.forces()).isEqualTo(7);
        }
    }

    @Test
    void batchPolicyForcesEveryNAppendsAndTheRemainderOnClose() {
        DurableLog log = DurableLog.open(LogConfig.of(dir).withSync(SyncPolicy.BATCH, 4));
        appendN(log, 10);
        assertThat(log.forces()).isEqualTo(2);
        log.close();
        assertThat(log.forces()).isEqualTo(3);
        log.close(); // idempotent
        assertThat(log.forces()).isEqualTo(3);
    }

    @Test
    void nonePolicyNeverForcesUnlessAsked() {
        try (DurableLog log = DurableLog.open(LogConfig.of(dir))) {
            appendN(log, 5);
            assertThat(log.forces()).isZero();
            log.sync();
            assertThat(log.forces()).isEqualTo(1);
        }
    }

    @Test
    void readsARecordByIndexWithItsHeader() {
        try (DurableLog log = DurableLog.open(LogConfig.of(dir))) {
            long first = log.append(LogOp.PUT, 42, new byte[] {9, 8, 7}, 0, 3);
            long second = log.append(LogOp.DELETE, 43, new byte[0], 0, 0);
            assertThat(second).isGreaterThan(first);
            RecordHeader header = new RecordHeader();
            byte[] dst = new byte[8];
            assertThat(log.read(first, header, dst, 2)).isEqualTo(RecordStatus.OK);
            assertThat(header.op()).isEqualTo(LogOp.PUT);
            assertThat(header.key()).isEqualTo(42);
            assertThat(header.valueLength()).isEqualTo(3);
            assertThat(dst).containsExactly(0, 0, 9, 8, 7, 0, 0, 0);
            assertThat(log.read(second, header, dst, 0)).isEqualTo(RecordStatus.OK);
            assertThat(header.op()).isEqualTo(LogOp.DELETE);
            assertThat(log.read(second + 1, header, dst, 0)).isEqualTo(RecordStatus.MISSING);
            assertThat(log.read(-1, header, dst, 0)).isEqualTo(RecordStatus.MISSING);
            assertThat(log.bytesAppended()).isEqualTo(2L * RecordLayout.OVERHEAD + 3);
        }
    }

    @Test
    void scanVisitsRecordsInAppendOrder() {
        try (DurableLog log = DurableLog.open(LogConfig.of(dir))) {
            appendN(log, 20);
        }
        List<Long> keys = new ArrayList<>();
        try (DurableLog log = DurableLog.open(LogConfig.of(dir))) {
            long visited = log.scan(new LogVisitor() {
                @Override
                public void onRecord(long index, LogOp op, long key, int valueLength) {
                    keys.add(key);
                }

                @Override
                public void onDamaged(long index, RecordStatus status, boolean keyReadable, long keyAsRead) {
                    throw new AssertionError("no damage expected");
                }
            });
            assertThat(visited).isEqualTo(20);
        }
        assertThat(keys).containsExactlyElementsOf(() -> java.util.stream.LongStream.range(0, 20).iterator());
    }

    @Test
    void anotherThreadCanTakeOverTheLogAfterHandOver() throws Exception {
        DurableLog log = DurableLog.open(LogConfig.of(dir));
        try {
            log.append(LogOp.PUT, 1, new byte[] {1}, 0, 1);
            CompletableFuture<RecordStatus> other = CompletableFuture.supplyAsync(() -> {
                log.handOverToCurrentThread();
                long index = log.append(LogOp.PUT, 2, new byte[] {2}, 0, 1);
                return log.read(index, new RecordHeader(), new byte[1], 0);
            });
            assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(RecordStatus.OK);
            log.handOverToCurrentThread();
            assertThat(log.read(log.lastIndexAppended(), new RecordHeader(), new byte[1], 0)).isEqualTo(RecordStatus.OK);
        } finally {
            log.close();
        }
    }

    @Test
    void refusesUseAfterClose() {
        DurableLog log = DurableLog.open(LogConfig.of(dir));
        log.close();
        assertThatThrownBy(() -> log.append(LogOp.PUT, 1, new byte[0], 0, 0)).isInstanceOf(IllegalStateException.class);
    }
}
