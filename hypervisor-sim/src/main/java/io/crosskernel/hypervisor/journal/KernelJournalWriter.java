package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.Envelope;
import io.crosskernel.api.IngressJournal;
import io.crosskernel.api.StateJournal;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One kernel's journal: a Chronicle Queue ({@code DIR/kernels/<name>}) of fixed-layout SEND, RECEIVE, PUT, DELETE
 * and INGRESS entries (see {@link JournalLayout}).
 *
 * <p>Threading: single writer. Built on the host thread; from then on only the kernel's dispatching worker (worker
 * 0) appends: it is the only thread that offers on the kernel's outbound channels, drains its inbound ones and runs
 * a storage kernel's engine. The first append binds Chronicle's appender to that thread. {@link #close()} is called
 * by the host after the worker stopped.
 *
 * <p>Cost: one append writes the entry's primitives straight into the memory-mapped queue file through a reused
 * {@link DocumentContext}: no allocation, lock or system call per entry (Chronicle maps a new chunk of the file now
 * and then, off the common path).
 *
 * <p>Failure: an append that fails (the disk is full, a write faults) is rolled back and recorded in the run's
 * {@link JournalFailure}, which stops the run; from then on this writer, like every other, skips its entries. Nothing
 * is thrown to the kernel (see {@link AppendingQueue}).
 *
 * <p>Ownership: owns its queue and appender.
 */
public final class KernelJournalWriter implements StateJournal, IngressJournal, AutoCloseable {
    private final int kernelId;
    private final String kernelName;
    private final PayloadMode mode;
    private final io.crosskernel.api.Clock clock;
    private final AppendingQueue queue;
    private boolean boundToWriter;

    /**
     * @param directory the kernel's queue directory (created if absent)
     * @param failure   the run's journal failure: a failed append records itself there, and once any writer failed
     *                  this one skips its entries
     * @throws JournalFailedException when the queue cannot be started (no space)
     */
    public KernelJournalWriter(Path directory, int kernelId, String kernelName, PayloadMode mode,
            io.crosskernel.api.Clock clock, JournalFailure failure) {
        this.kernelId = kernelId;
        this.kernelName = kernelName;
        this.mode = mode;
        this.clock = clock;
        this.queue = new AppendingQueue(directory, failure);
    }

    public int kernelId() {
        return kernelId;
    }

    public String kernelName() {
        return kernelName;
    }

    public PayloadMode mode() {
        return mode;
    }

    /**
     * Appends a SEND or RECEIVE entry.
     *
     * @param type       {@link JournalLayout#SEND} or {@link JournalLayout#RECEIVE}
     * @param result     the offer's {@code SendResult} ordinal (0 for RECEIVE)
     * @param channelSeq the message's position in the channel's FIFO (see docs/JOURNAL.md)
     * @param now        clock time of the offer (read before it) or of the receive
     */
    public void message(byte type, int result, int from, int to, long channelSeq, Envelope message, long now) {
        DocumentContext dc = begin(JournalLayout.MESSAGE_LENGTH);
        if (dc == null) {
            return; // the journal failed: journaling stopped
        }
        try {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(type);
            bytes.writeByte((byte) result);
            bytes.writeShort((short) from);
            bytes.writeShort((short) to);
            bytes.writeShort((short) message.stage);
            bytes.writeLong(now);
            bytes.writeLong(channelSeq);
            bytes.writeLong(message.requestId);
            bytes.writeLong(message.traceId);
            bytes.writeInt(message.routeId);
            bytes.writeInt(0);
            bytes.writeLong(message.originNanos);
            bytes.writeLong(message.sentNanos);
            bytes.writeLong(payloadField(message.payload));
        } catch (Throwable t) {
            queue.abandon(dc, t); // never into the kernel's duty cycle
            return;
        }
        queue.commit(dc);
    }

    /** Storage hook, worker 0: appends a PUT entry (with the value's bytes under payload mode full). */
    @Override
    public void put(long key, byte[] value, int offset, int length) {
        long digest = mode == PayloadMode.NONE ? 0 : Digests.fnv1a64(value, offset, length);
        store(JournalLayout.PUT, key, digest, mode == PayloadMode.FULL ? value : null, offset, length);
    }

    /** Storage hook, worker 0: appends a DELETE entry. */
    @Override
    public void delete(long key) {
        store(JournalLayout.DELETE, key, 0, null, 0, 0);
    }

    /** Io kernel hook, worker 0: appends an INGRESS entry (the payload word as the payload mode says). */
    @Override
    public void arrival(int routeId, long receivedNanos, long clientRequestId, int payloadLength, long payloadHead) {
        DocumentContext dc = begin(JournalLayout.INGRESS_LENGTH);
        if (dc == null) {
            return; // the journal failed: journaling stopped
        }
        try {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(JournalLayout.INGRESS);
            bytes.writeByte((byte) 0);
            bytes.writeShort((short) kernelId);
            bytes.writeInt(routeId);
            bytes.writeLong(receivedNanos);
            bytes.writeLong(clientRequestId);
            bytes.writeInt(payloadLength);
            bytes.writeInt(0);
            bytes.writeLong(payloadField(payloadHead));
        } catch (Throwable t) {
            queue.abandon(dc, t);
            return;
        }
        queue.commit(dc);
    }

    /** A PUT or DELETE entry: the fixed fields, then {@code value}'s bytes unless it is null. */
    private void store(byte type, long key, long digest, byte[] value, int offset, int length) {
        DocumentContext dc = begin(JournalLayout.STORE_LENGTH + (value == null ? 0 : length));
        if (dc == null) {
            return; // the journal failed: journaling stopped
        }
        try {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(type);
            bytes.writeByte((byte) 0);
            bytes.writeShort((short) kernelId);
            bytes.writeInt(length);
            bytes.writeLong(clock.nanoTime());
            bytes.writeLong(key);
            bytes.writeLong(digest);
            if (value != null) {
                bytes.write(value, offset, length);
            }
        } catch (Throwable t) {
            queue.abandon(dc, t);
            return;
        }
        queue.commit(dc);
    }

    /** The next entry with its disk space allocated, or null when the journal failed. */
    private DocumentContext begin(int length) {
        if (!boundToWriter) {
            // Built on the host thread, written by the kernel's worker: that worker owns the appender from now on.
            queue.bindToCurrentThread();
            boundToWriter = true;
        }
        return queue.open(length);
    }

    private long payloadField(long payload) {
        switch (mode) {
            case FULL:
                return payload;
            case DIGEST:
                return Digests.mix64(payload);
            default:
                return 0;
        }
    }

    /** Host thread, after the kernel's workers stopped. Idempotent. */
    @Override
    public void close() {
        queue.close();
    }
}
