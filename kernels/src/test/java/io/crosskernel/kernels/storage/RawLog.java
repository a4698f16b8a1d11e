package io.crosskernel.kernels.storage;

import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Test-only: writes records in the log's layout through a Chronicle queue configured by the test (a clock that
 * rolls cycles on demand, index pages every few records), so tests can build logs that DurableLog itself only makes
 * over days or millions of records.
 */
final class RawLog implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final CRC32C crc = new CRC32C();

    RawLog(Path dir, TimeProvider time, int indexCount, int indexSpacing) {
        SingleChronicleQueueBuilder builder = ChronicleQueue.singleBuilder(dir).rollCycle(ChronicleFraming.ROLL_CYCLE)
                .timeProvider(time);
        if (indexCount > 0) {
            builder.indexCount(indexCount).indexSpacing(indexSpacing);
        }
        this.queue = builder.build();
        this.appender = queue.createAppender();
    }

    /** Appends key {@code i} with {@link LogFiles#value(int) LogFiles.value(i)}, CRC and all. */
    void put(int i) {
        byte[] value = LogFiles.value(i);
        byte[] header = new byte[RecordLayout.HEADER_LENGTH];
        RecordLayout.encodeHeader(header, LogOp.PUT.code(), i, value.length);
        byte[] checksum = new byte[RecordLayout.CRC_LENGTH];
        RecordLayout.putInt(checksum, 0, RecordLayout.crc(crc, header, value, 0, value.length));
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(header).write(value).write(checksum);
        }
    }

    void putRange(int from, int to) {
        for (int i = from; i < to; i++) {
            put(i);
        }
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
