package io.crosskernel.hypervisor.journal;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The host's journal ({@code DIR/host}): HEADER, LIFECYCLE, FINAL_STATE and END entries.
 *
 * <p>Threading: single writer, the host thread (the thread that runs {@code Hypervisor.run}); every method is called
 * from it. Off the hot path: the variable-length fields allocate.
 *
 * <p>Ownership: owns its queue and appender.
 */
public final class HostJournalWriter implements AutoCloseable {
    private final AppendingQueue queue;
    private final ExcerptAppender appender;

    public HostJournalWriter(Path directory) {
        this.queue = new AppendingQueue(directory);
        this.appender = queue.appender();
    }

    public void header(JournalHeader h) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte(JournalLayout.HEADER);
            b.writeByte((byte) h.formatVersion());
            b.writeByte((byte) h.payloadMode().ordinal());
            b.writeByte((byte) 0);
            b.writeInt(0);
            b.writeLong(h.timestampNanos());
            b.writeLong(h.seed());
            b.writeUtf8(h.scenarioName());
            b.writeUtf8(h.scenarioText());
            b.writeUtf8(h.scenarioSha256());
            b.writeUtf8(h.plan());
            b.writeUtf8(h.topology());
            b.writeUtf8(h.jvm());
            b.writeInt(h.kernels().size());
            for (JournalHeader.KernelInfo k : h.kernels()) {
                b.writeShort((short) k.id());
                b.writeUtf8(k.name());
                b.writeUtf8(k.type());
            }
            b.writeInt(h.channels().size());
            for (JournalHeader.ChannelInfo c : h.channels()) {
                b.writeShort((short) c.from());
                b.writeShort((short) c.to());
                b.writeInt(c.capacity());
                b.writeUtf8(c.policy());
            }
        }
    }

    /** @param kernelId the kernel concerned, or -1 for the host or the whole run */
    public void lifecycle(LifecycleKind kind, int kernelId, long timestampNanos, String detail) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte(JournalLayout.LIFECYCLE);
            b.writeByte((byte) kind.code());
            b.writeShort((short) kernelId);
            b.writeInt(0);
            b.writeLong(timestampNanos);
            b.writeUtf8(detail);
        }
    }

    /** The final state the host computed from its live counters: its SHA-256 and canonical text. */
    public void finalState(long timestampNanos, String sha256, String canonicalText) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte(JournalLayout.FINAL_STATE);
            b.writeByte((byte) 0);
            b.writeShort((short) 0);
            b.writeInt(0);
            b.writeLong(timestampNanos);
            b.writeUtf8(sha256);
            b.writeUtf8(canonicalText);
        }
    }

    /**
     * The clean-end marker.
     *
     * @param failure why the run failed (it still ended: every queue is complete), or null
     */
    public void end(long timestampNanos, String failure) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            b.writeByte(JournalLayout.END);
            b.writeByte((byte) (failure == null ? 1 : 0));
            b.writeShort((short) 0);
            b.writeInt(0);
            b.writeLong(timestampNanos);
            b.writeUtf8(failure == null ? "" : failure);
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
