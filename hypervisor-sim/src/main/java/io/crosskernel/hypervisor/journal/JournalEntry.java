package io.crosskernel.hypervisor.journal;

/**
 * One decoded journal entry, as the readers see it. Fields that an entry type does not have are 0 (numbers) or null.
 *
 * @param seq            position in the merged timeline of every queue, from 1 ({@code --at-seq} counts these)
 * @param queue          the queue it came from: {@code host} or the kernel's name
 * @param timestampNanos the writer's clock reading
 * @param result         SEND: the offer's {@code SendResult} ordinal; END: 1 clean, 0 the run failed
 * @param from           SEND/RECEIVE: sending kernel id
 * @param to             SEND/RECEIVE: receiving kernel id
 * @param kernelId       PUT/DELETE: the storage kernel; INGRESS: the kernel that received it; LIFECYCLE: the kernel
 *                       concerned or -1
 * @param valueLength    PUT: the stored value's length; INGRESS: the payload's length
 * @param digest         PUT: the value's FNV-1a 64 (0 under payload mode none)
 * @param kind           LIFECYCLE only
 * @param text           LIFECYCLE: detail; FINAL_STATE: SHA-256; END: failure reason
 * @param text2          FINAL_STATE: canonical text
 * @param endReason      END: how the run ended (a format-1 END: derived from its clean flag)
 *
 * <p>Immutable; any thread.
 */
public record JournalEntry(long seq, String queue, EntryType type, long timestampNanos, int result, int from, int to,
        int stage, long channelSeq, long requestId, long traceId, int routeId, long originNanos, long sentNanos,
        long payload, int kernelId, long key, int valueLength, long digest, LifecycleKind kind, String text,
        String text2, JournalEnd endReason) {

    /** This entry with its merged sequence number. */
    JournalEntry withSeq(long newSeq) {
        return new JournalEntry(newSeq, queue, type, timestampNanos, result, from, to, stage, channelSeq, requestId,
                traceId, routeId, originNanos, sentNanos, payload, kernelId, key, valueLength, digest, kind, text,
                text2, endReason);
    }

    /** SEND/RECEIVE. */
    static JournalEntry message(String queue, EntryType type, long timestamp, int result, int from, int to, int stage,
            long channelSeq, long requestId, long traceId, int routeId, long origin, long sent, long payload) {
        return new JournalEntry(0, queue, type, timestamp, result, from, to, stage, channelSeq, requestId, traceId,
                routeId, origin, sent, payload, 0, 0, 0, 0, null, null, null, null);
    }

    /** PUT/DELETE. */
    static JournalEntry store(String queue, EntryType type, long timestamp, int kernelId, long key, int length,
            long digest) {
        return new JournalEntry(0, queue, type, timestamp, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, kernelId, key, length,
                digest, null, null, null, null);
    }

    /** INGRESS: the client's id in {@code traceId}, as the request's trace id is. */
    static JournalEntry ingress(String queue, long timestamp, int kernelId, int routeId, long clientId,
            int payloadLength, long payload) {
        return new JournalEntry(0, queue, EntryType.INGRESS, timestamp, 0, 0, 0, 0, 0, 0, clientId, routeId, 0, 0,
                payload, kernelId, 0, payloadLength, 0, null, null, null, null);
    }

    /** Host entries. */
    static JournalEntry host(EntryType type, long timestamp, int result, int kernelId, LifecycleKind kind, String text,
            String text2, JournalEnd endReason) {
        return new JournalEntry(0, JournalQueues.HOST, type, timestamp, result, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                kernelId, 0, 0, 0, kind, text, text2, endReason);
    }

    /** The SendResult name of a SEND entry. */
    public String resultName() {
        io.crosskernel.api.SendResult[] results = io.crosskernel.api.SendResult.values();
        return result >= 0 && result < results.length ? results[result].name().toLowerCase(java.util.Locale.ROOT)
                : "result#" + result;
    }
}
