package io.crosskernel.api;

/**
 * What a Chronicle Queue takes on disk, for the estimates made before a run (the storage log, the journal): measured
 * with chronicle-queue 2026.4, roll cycle {@code FAST_DAILY}, on tmpfs and ext4. An estimate, not a bound: it is
 * compared with the free space to warn, never to refuse.
 *
 * <p>Stateless.
 */
public final class ChronicleFootprint {
    /**
     * A queue's fixed files once it holds its first documents: {@code metadata.cq4t} and the cycle file's header and
     * first index pages (12–16 KiB measured per queue; the files are sparse, so their apparent size is far larger).
     */
    public static final long QUEUE_BYTES = 16 * 1024;

    /**
     * Per document: Chronicle's 4-byte header, padding to 4-byte alignment and the index entries amortised (76 bytes
     * measured per 72-byte journal entry over 20 000 entries; the rest is rounding up).
     */
    public static final long DOCUMENT_OVERHEAD_BYTES = 8;

    private ChronicleFootprint() {
    }

    /** One queue holding {@code documents} documents of {@code payloadBytes} in all. */
    public static long queueBytes(long documents, long payloadBytes) {
        return QUEUE_BYTES + documents * DOCUMENT_OVERHEAD_BYTES + payloadBytes;
    }
}
