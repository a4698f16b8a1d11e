package io.crosskernel.hypervisor.journal;

import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Decodes entries written by {@link KernelJournalWriter} and {@link HostJournalWriter}.
 *
 * <p>Stateless; any thread.
 */
final class EntryCodec {
    private EntryCodec() {
    }

    static JournalHeader readHeader(Bytes<?> b) {
        b.readByte(); // type
        int version = b.readUnsignedByte();
        if (version < JournalLayout.OLDEST_FORMAT_VERSION || version > JournalLayout.FORMAT_VERSION) {
            throw new JournalFormatException("journal format version " + version + ", this xk reads versions "
                    + JournalLayout.OLDEST_FORMAT_VERSION + " to " + JournalLayout.FORMAT_VERSION);
        }
        PayloadMode mode = PayloadMode.fromCode(b.readUnsignedByte());
        b.readByte();
        b.readInt();
        long timestamp = b.readLong();
        long seed = b.readLong();
        String name = b.readUtf8();
        String text = b.readUtf8();
        String sha = b.readUtf8();
        String plan = b.readUtf8();
        String topology = b.readUtf8();
        String jvm = b.readUtf8();
        int kernelCount = b.readInt();
        List<JournalHeader.KernelInfo> kernels = new ArrayList<>();
        for (int i = 0; i < kernelCount; i++) {
            kernels.add(new JournalHeader.KernelInfo(b.readShort(), b.readUtf8(), b.readUtf8()));
        }
        int channelCount = b.readInt();
        List<JournalHeader.ChannelInfo> channels = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            channels.add(new JournalHeader.ChannelInfo(b.readShort(), b.readShort(), b.readInt(), b.readUtf8()));
        }
        return new JournalHeader(version, mode, timestamp, seed, name, text, sha, plan, topology, jvm, kernels,
                channels);
    }

    static JournalEntry read(EntryType type, String queue, Bytes<?> b) {
        switch (type) {
            case SEND:
            case RECEIVE: {
                require(b, JournalLayout.MESSAGE_LENGTH, type, queue);
                b.readByte();
                int result = b.readUnsignedByte();
                int from = b.readUnsignedShort();
                int to = b.readUnsignedShort();
                int stage = b.readUnsignedShort();
                long timestamp = b.readLong();
                long channelSeq = b.readLong();
                long requestId = b.readLong();
                long traceId = b.readLong();
                int routeId = b.readInt();
                b.readInt();
                long origin = b.readLong();
                long sent = b.readLong();
                long payload = b.readLong();
                return JournalEntry.message(queue, type, timestamp, result, from, to, stage, channelSeq, requestId,
                        traceId, routeId, origin, sent, payload);
            }
            case PUT:
            case DELETE: {
                require(b, JournalLayout.STORE_LENGTH, type, queue);
                b.readByte();
                b.readByte();
                int kernelId = b.readUnsignedShort();
                int length = b.readInt();
                long timestamp = b.readLong();
                long key = b.readLong();
                long digest = b.readLong();
                return JournalEntry.store(queue, type, timestamp, kernelId, key, length, digest);
            }
            case INGRESS: {
                require(b, JournalLayout.INGRESS_LENGTH, type, queue);
                b.readByte();
                b.readByte();
                int kernelId = b.readUnsignedShort();
                int routeId = b.readInt();
                long timestamp = b.readLong();
                long clientId = b.readLong();
                int payloadLength = b.readInt();
                b.readInt();
                long payload = b.readLong();
                return JournalEntry.ingress(queue, timestamp, kernelId, routeId, clientId, payloadLength, payload);
            }
            case LIFECYCLE:
            case FINAL_STATE:
            case END:
                return readHostEntry(type, b);
            default:
                throw new JournalFormatException("a " + type + " entry may only start the host queue");
        }
    }

    /**
     * LIFECYCLE, FINAL_STATE and END share the host entries' fixed part (see {@link JournalLayout}): a kind or flag
     * byte, a kernel id and the timestamp; then their strings.
     */
    private static JournalEntry readHostEntry(EntryType type, Bytes<?> b) {
        b.readByte(); // type
        int flag = b.readUnsignedByte();
        LifecycleKind kind = type == EntryType.LIFECYCLE ? LifecycleKind.ofCode(flag) : null;
        // LIFECYCLE: a 16-bit kernel id; END (format 2): byte 2 is the end reason, 0 in format 1
        int endCode = b.readUnsignedByte(b.readPosition());
        int kernelId = b.readShort();
        b.readInt();
        long timestamp = b.readLong();
        String text = b.readUtf8();
        switch (type) {
            case LIFECYCLE:
                return JournalEntry.host(type, timestamp, 0, kernelId, kind, text, null, null);
            case FINAL_STATE:
                return JournalEntry.host(type, timestamp, 0, -1, null, text, b.readUtf8(), null);
            default: { // END: the flag says whether the run ended cleanly, the reason how it ended
                JournalEnd reason = JournalEnd.ofCode(endCode, flag == 1);
                if (reason == null) {
                    throw new JournalFormatException("the END entry has unknown end reason " + endCode
                            + ": a newer format");
                }
                return JournalEntry.host(type, timestamp, flag, -1, null, text, null, reason);
            }
        }
    }

    private static void require(Bytes<?> b, int length, EntryType type, String queue) {
        if (b.readRemaining() < length) {
            throw new JournalFormatException("a " + type + " entry in queue " + queue + " has " + b.readRemaining()
                    + " bytes, expected " + length);
        }
    }
}
