package io.crosskernel.hypervisor.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The run's state rebuilt from journal entries alone: per-channel counters, messages in flight and hop latencies,
 * per-kernel messages in and out, each storage kernel's key→value index. Feed it entries in merged order with
 * {@link #apply}; read it at any point (that is time travel).
 *
 * <p>Threading: single-threaded; not shared. Allocates freely (an offline tool).
 */
public final class ReplayState {
    private static final long MAX_HOP_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final JournalHeader header;
    private final Map<Integer, ChannelState> channels = new LinkedHashMap<>();
    private final long[] messagesIn;
    private final long[] messagesOut;
    private final Map<Integer, StoreState> stores = new LinkedHashMap<>();
    private long applied;
    private long lastTimestamp;
    private long unmatchedReceives;

    public ReplayState(JournalHeader header) {
        this.header = header;
        for (JournalHeader.ChannelInfo c : header.channels()) {
            channel(c.from(), c.to());
        }
        this.messagesIn = new long[header.kernels().size()];
        this.messagesOut = new long[header.kernels().size()];
        for (JournalHeader.KernelInfo k : header.kernels()) {
            if (k.type().equals("storage")) {
                stores.put(k.id(), new StoreState(k.name()));
            }
        }
    }

    /** One channel's rebuilt state. */
    public static final class ChannelState {
        final int from;
        final int to;
        long offered;
        long delivered;
        long rejected;
        /** Sent and not yet received, by channel sequence, oldest first. */
        final LinkedHashMap<Long, JournalEntry> inFlight = new LinkedHashMap<>();
        final Histogram hop = new Histogram(MAX_HOP_NANOS, 3);

        ChannelState(int from, int to) {
            this.from = from;
            this.to = to;
        }

        public long offered() {
            return offered;
        }

        public long delivered() {
            return delivered;
        }

        public long rejected() {
            return rejected;
        }

        public long inFlightCount() {
            return inFlight.size();
        }

        /** The oldest {@code max} messages in flight. */
        public List<JournalEntry> inFlight(int max) {
            List<JournalEntry> out = new ArrayList<>();
            for (JournalEntry e : inFlight.values()) {
                if (out.size() == max) {
                    break;
                }
                out.add(e);
            }
            return out;
        }

        /** Hop latencies (receive time minus the envelope's send timestamp), nanoseconds. */
        public Histogram hopLatency() {
            return hop;
        }
    }

    /** One storage kernel's rebuilt index. */
    public static final class StoreState {
        final String kernel;
        long puts;
        long deletes;
        /** key → {value length, value digest, timestamp}. */
        final TreeMap<Long, long[]> index = new TreeMap<>();

        StoreState(String kernel) {
            this.kernel = kernel;
        }

        public String kernel() {
            return kernel;
        }

        public long puts() {
            return puts;
        }

        public long deletes() {
            return deletes;
        }

        /** key → {value length, value digest, timestamp of the put}. */
        public TreeMap<Long, long[]> index() {
            return index;
        }
    }

    private ChannelState channel(int from, int to) {
        return channels.computeIfAbsent(from * 65_536 + to, k -> new ChannelState(from, to));
    }

    private StoreState store(int kernelId) {
        return stores.computeIfAbsent(kernelId, k -> new StoreState(header.kernelName(k)));
    }

    /** Applies the next entry of the merged timeline. */
    public void apply(JournalEntry e) {
        applied = e.seq();
        lastTimestamp = e.timestampNanos();
        switch (e.type()) {
            case SEND: {
                ChannelState c = channel(e.from(), e.to());
                c.offered++;
                if (e.result() == JournalLayout.RESULT_SENT) {
                    c.inFlight.put(e.channelSeq(), e);
                    count(messagesOut, e.from());
                } else {
                    c.rejected++;
                }
                break;
            }
            case RECEIVE: {
                ChannelState c = channel(e.from(), e.to());
                c.delivered++;
                if (c.inFlight.remove(e.channelSeq()) == null) {
                    unmatchedReceives++;
                }
                count(messagesIn, e.to());
                c.hop.recordValue(Math.max(0, Math.min(MAX_HOP_NANOS, e.timestampNanos() - e.sentNanos())));
                break;
            }
            case PUT: {
                StoreState s = store(e.kernelId());
                s.puts++;
                s.index.put(e.key(), new long[] {e.valueLength(), e.digest(), e.timestampNanos()});
                break;
            }
            case DELETE: {
                StoreState s = store(e.kernelId());
                s.deletes++;
                s.index.remove(e.key());
                break;
            }
            default:
                break; // host entries carry no state
        }
    }

    private static void count(long[] counters, int kernel) {
        if (kernel >= 0 && kernel < counters.length) {
            counters[kernel]++;
        }
    }

    /** The figures the host digests at the end of a run, as this state has them. */
    public StateFigures figures() {
        List<StateFigures.ChannelFigure> cf = new ArrayList<>();
        for (ChannelState c : channels.values()) {
            cf.add(new StateFigures.ChannelFigure(header.kernelName(c.from), header.kernelName(c.to), c.offered,
                    c.delivered, c.rejected, c.offered - c.rejected - c.delivered));
        }
        List<StateFigures.KernelFigure> kf = new ArrayList<>();
        for (JournalHeader.KernelInfo k : header.kernels()) {
            kf.add(new StateFigures.KernelFigure(k.name(), messagesIn[k.id()], messagesOut[k.id()]));
        }
        List<StateFigures.StoreFigure> sf = new ArrayList<>();
        for (StoreState s : stores.values()) {
            sf.add(new StateFigures.StoreFigure(s.kernel, s.puts, s.deletes));
        }
        return new StateFigures(cf, kf, sf);
    }

    public List<ChannelState> channels() {
        return List.copyOf(channels.values());
    }

    public List<StoreState> stores() {
        return List.copyOf(stores.values());
    }

    public long messagesIn(int kernel) {
        return messagesIn[kernel];
    }

    public long messagesOut(int kernel) {
        return messagesOut[kernel];
    }

    /** Sequence number of the last entry applied (0 before any). */
    public long applied() {
        return applied;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** RECEIVE entries with no SEND before them on their channel: 0 in a consistent journal. */
    public long unmatchedReceives() {
        return unmatchedReceives;
    }

    /** Messages sent on any channel and not yet received. */
    public long inFlightTotal() {
        long sum = 0;
        for (ChannelState c : channels.values()) {
            sum += c.inFlight.size();
        }
        return sum;
    }
}
