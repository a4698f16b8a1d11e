package io.crosskernel.hypervisor.journal;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The host's journal ({@code DIR/host}): HEADER, LIFECYCLE, FINAL_STATE and END entries.
 *
 * <p>Threading: single writer, the host thread (the thread that runs {@code Hypervisor.run}); every method is called
 * from it. Off the hot path: the variable-length fields allocate.
 *
 * <p>Failure: an entry that cannot be written (the disk is full) is skipped and recorded in the run's
 * {@link JournalFailure}; nothing is thrown. The END entry is still written when it fits in the space kept ahead.
 *
 * <p>Ownership: owns its queue and appender.
 */
public final class HostJournalWriter implements AutoCloseable {
    /** Longest detail an END entry keeps: it must fit in the space kept ahead after the disk filled. */
    static final int MAX_END_DETAIL = 4096;

    private final AppendingQueue queue;

    /**
     * @param failure the run's journal failure (see {@link AppendingQueue})
     * @throws JournalFailedException when the queue cannot be started (no space)
     */
    public HostJournalWriter(Path directory, JournalFailure failure) {
        this.queue = new AppendingQueue(directory, failure);
    }

    /** Writes one entry's fields into the document. */
    @FunctionalInterface
    private interface Fields {
        void write(Bytes<?> b);
    }

    public void header(JournalHeader h) {
        long length = 24 + utf8(h.scenarioName()) + utf8(h.scenarioText()) + utf8(h.scenarioSha256())
                + utf8(h.plan()) + utf8(h.topology()) + utf8(h.jvm()) + 8;
        for (JournalHeader.KernelInfo k : h.kernels()) {
            length += 2 + utf8(k.name()) + utf8(k.type());
        }
        for (JournalHeader.ChannelInfo c : h.channels()) {
            length += 8 + utf8(c.policy());
        }
        append(queue.open(bounded(length)), b -> {
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
        });
    }

    /** @param kernelId the kernel concerned, or -1 for the host or the whole run */
    public void lifecycle(LifecycleKind kind, int kernelId, long timestampNanos, String detail) {
        append(queue.open(bounded(JournalLayout.HOST_FIXED_LENGTH + utf8(detail))), b -> {
            b.writeByte(JournalLayout.LIFECYCLE);
            b.writeByte((byte) kind.code());
            b.writeShort((short) kernelId);
            b.writeInt(0);
            b.writeLong(timestampNanos);
            b.writeUtf8(detail);
        });
    }

    /** The final state the host computed from its live counters: its SHA-256 and canonical text. */
    public void finalState(long timestampNanos, String sha256, String canonicalText) {
        append(queue.open(bounded(JournalLayout.HOST_FIXED_LENGTH + utf8(sha256) + utf8(canonicalText))), b -> {
            b.writeByte(JournalLayout.FINAL_STATE);
            b.writeByte((byte) 0);
            b.writeShort((short) 0);
            b.writeInt(0);
            b.writeLong(timestampNanos);
            b.writeUtf8(sha256);
            b.writeUtf8(canonicalText);
        });
    }

    /**
     * The end marker, the journal's last entry: written even after the journal failed for lack of space, into the
     * space the host's queue kept allocated ahead (the detail is cut to {@value #MAX_END_DETAIL} characters for that).
     *
     * @param end    how the run ended
     * @param detail the run's failure, the signal, or the journal's failure; null or empty when there is none
     * @return whether the entry was written
     */
    public boolean end(long timestampNanos, JournalEnd end, String detail) {
        String text = detail == null ? "" : detail.length() > MAX_END_DETAIL ? detail.substring(0, MAX_END_DETAIL)
                : detail;
        boolean clean = end == JournalEnd.COMPLETED && text.isEmpty();
        return append(queue.openLast(bounded(JournalLayout.HOST_FIXED_LENGTH + utf8(text))), b -> {
            b.writeByte(JournalLayout.END);
            b.writeByte((byte) (clean ? 1 : 0));
            b.writeByte((byte) end.code());
            b.writeByte((byte) 0);
            b.writeInt(0);
            b.writeLong(timestampNanos);
            b.writeUtf8(text);
        });
    }

    /** Writes an entry opened by the queue (null: the journal failed, the entry is skipped). */
    private boolean append(DocumentContext dc, Fields fields) {
        if (dc == null) {
            return false;
        }
        try {
            fields.write(dc.wire().bytes());
        } catch (Throwable t) {
            queue.abandon(dc, t);
            return false;
        }
        queue.commit(dc);
        return true;
    }

    /** At most the bytes {@code writeUtf8} writes for {@code s}: a stop-bit length (up to 5 bytes), 3 bytes a char. */
    private static long utf8(String s) {
        return 5 + 3L * s.length();
    }

    private static int bounded(long length) {
        return (int) Math.min(length, Integer.MAX_VALUE - 8);
    }

    @Override
    public void close() {
        queue.close();
    }
}
