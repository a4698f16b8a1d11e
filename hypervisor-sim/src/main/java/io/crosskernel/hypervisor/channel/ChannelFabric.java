package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.metrics.SingleWriterCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Every channel of a run, indexed by (sending kernel, receiving kernel): at most one {@link SpscChannel} per ordered
 * pair of kernels, each with the two ends the kernels use: a {@link SendingEnd} and a {@link ReceivingEnd}, which
 * count what the sender handed over and what the receiver took, apart from the ring (see {@link #accounts()}).
 *
 * <p>Threading: built by the host before the kernels boot and never changed afterwards; every method may be called
 * from any thread once the fabric has been safely published (the kernels' thread starts do that). The channels
 * themselves keep their own single-producer / single-consumer contract.
 */
public final class ChannelFabric {
    private final int kernelCount;
    private final SendingEnd[][] byPair;
    private final List<SpscChannel> channels;
    private final List<SendingEnd> senders;
    private final List<ReceivingEnd> receivers;
    private final List<List<InboundChannel>> inbound;

    /**
     * @param kernelCount kernels in the run, ids {@code 0..kernelCount-1}
     * @param links       the channels to build, in the order {@link #channels()} lists them
     * @param onFail      told when a {@code FAIL}-policy channel is full
     * @throws IllegalArgumentException if a link names a kernel outside the range or a pair appears twice
     */
    public ChannelFabric(int kernelCount, List<LinkSpec> links, ChannelFailureListener onFail) {
        this(kernelCount, links, onFail, ChannelInterposer.NONE);
    }

    /**
     * As {@link #ChannelFabric(int, List, ChannelFailureListener)}, with {@code interposer} placed between each
     * channel's sending end and its ring: {@link ChannelInterposer#NONE} in a run, a fault in accounting tests.
     */
    public ChannelFabric(int kernelCount, List<LinkSpec> links, ChannelFailureListener onFail,
            ChannelInterposer interposer) {
        this(kernelCount, links, onFail, interposer, ChannelMemory.DIRECT);
    }

    /**
     * As {@link #ChannelFabric(int, List, ChannelFailureListener, ChannelInterposer)}, each channel's ring in the
     * memory {@code memory} gives for its link (direct memory, or a mapped file for a channel that touches a kernel
     * in a process of its own).
     */
    public ChannelFabric(int kernelCount, List<LinkSpec> links, ChannelFailureListener onFail,
            ChannelInterposer interposer, ChannelMemory memory) {
        if (kernelCount < 1) {
            throw new IllegalArgumentException("a fabric needs at least one kernel, got " + kernelCount);
        }
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(onFail, "onFail");
        Objects.requireNonNull(interposer, "interposer");
        Objects.requireNonNull(memory, "memory");
        this.kernelCount = kernelCount;
        this.byPair = new SendingEnd[kernelCount][kernelCount];
        List<SpscChannel> all = new ArrayList<>(links.size());
        List<SendingEnd> sending = new ArrayList<>(links.size());
        List<ReceivingEnd> receiving = new ArrayList<>(links.size());
        List<List<InboundChannel>> into = new ArrayList<>(kernelCount);
        for (int k = 0; k < kernelCount; k++) {
            into.add(new ArrayList<>());
        }
        for (LinkSpec link : links) {
            checkKernel(link.fromKernel(), link);
            checkKernel(link.toKernel(), link);
            if (byPair[link.fromKernel()][link.toKernel()] != null) {
                throw new IllegalArgumentException("channel " + link.label() + " is declared twice");
            }
            SpscChannel channel = new SpscChannel(link, onFail,
                    memory.ringFor(link, SpscChannel.ringBytes(link.capacity())));
            // Each end is allocated on its own (padded) lines: the sender's count is written by the producer only,
            // the receiver's by the consumer only.
            SendingEnd sender = new SendingEnd(interposer.interpose(channel));
            ReceivingEnd receiver = new ReceivingEnd(interposer.interposeInbound(channel));
            byPair[link.fromKernel()][link.toKernel()] = sender;
            all.add(channel);
            sending.add(sender);
            receiving.add(receiver);
            into.get(link.toKernel()).add(receiver);
        }
        this.channels = Collections.unmodifiableList(all);
        this.senders = Collections.unmodifiableList(sending);
        this.receivers = Collections.unmodifiableList(receiving);
        List<List<InboundChannel>> frozen = new ArrayList<>(kernelCount);
        for (List<InboundChannel> list : into) {
            frozen.add(Collections.unmodifiableList(list));
        }
        this.inbound = Collections.unmodifiableList(frozen);
    }

    private void checkKernel(int kernel, LinkSpec link) {
        if (kernel < 0 || kernel >= kernelCount) {
            throw new IllegalArgumentException("channel " + link.label() + " names kernel " + kernel
                    + ", but the run has kernels 0.." + (kernelCount - 1));
        }
    }

    /**
     * Commits the JFR backpressure events of refusal runs still open (channels that were refusing when their sender
     * stopped). Host thread, only after every sending worker has stopped.
     */
    public void closeRefusalRuns() {
        for (SpscChannel channel : channels) {
            channel.closeRefusalRun(false);
        }
    }

    /** Number of kernels the fabric connects. */
    public int kernelCount() {
        return kernelCount;
    }

    /**
     * The sending end of the channel from {@code fromKernel} to {@code toKernel} (what the sending kernel offers to),
     * or {@code null} when they are not linked (always for a kernel to itself).
     *
     * @throws IndexOutOfBoundsException if either id is outside {@code 0..kernelCount-1}
     */
    public OutboundChannel outbound(int fromKernel, int toKernel) {
        Objects.checkIndex(fromKernel, kernelCount);
        Objects.checkIndex(toKernel, kernelCount);
        return byPair[fromKernel][toKernel];
    }

    /**
     * The receiving ends of the channels into {@code kernel} (what the receiving kernel drains), in link order;
     * unmodifiable.
     *
     * @throws IndexOutOfBoundsException if {@code kernel} is outside {@code 0..kernelCount-1}
     */
    public List<InboundChannel> inboundTo(int kernel) {
        Objects.checkIndex(kernel, kernelCount);
        return inbound.get(kernel);
    }

    /** Every channel, in link order; unmodifiable. */
    public List<SpscChannel> channels() {
        return channels;
    }

    /**
     * The counters of channel {@code index}'s sending side: the sending end's count, then the channel's rejected and
     * backpressured. Their one writer is the producer thread, or, when the sender runs in another process, the
     * thread that mirrors that process's figures into them (docs/PROCESSES.md).
     */
    public List<SingleWriterCounter> producerCounters(int index) {
        List<SingleWriterCounter> all = new ArrayList<>();
        all.add(senders.get(index).counted);
        all.addAll(channels.get(index).producerCounters());
        return all;
    }

    /** As {@link #producerCounters}, for the receiving side: the receiving end's count, then the high-water mark. */
    public List<SingleWriterCounter> consumerCounters(int index) {
        List<SingleWriterCounter> all = new ArrayList<>();
        all.add(receivers.get(index).counted);
        all.addAll(channels.get(index).consumerCounters());
        return all;
    }

    /** A snapshot of every channel's counters, in link order. Allocates; call off the hot path. */
    public List<ChannelStats> stats() {
        List<ChannelStats> out = new ArrayList<>(channels.size());
        for (SpscChannel channel : channels) {
            out.add(channel.stats());
        }
        return out;
    }

    /**
     * Every channel's accounting: its own figures against the counts its two ends kept, in link order. Allocates;
     * host thread, exact only once every worker has stopped (see {@link ChannelAccount}).
     */
    public List<ChannelAccount> accounts() {
        List<ChannelAccount> out = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            ChannelStats stats = channels.get(i).stats();
            out.add(new ChannelAccount(stats, senders.get(i).sent(), receivers.get(i).received()));
        }
        return out;
    }

    /** Messages in flight summed over every channel (each channel's figure from its own snapshot). */
    public long inFlight() {
        long sum = 0;
        for (SpscChannel channel : channels) {
            sum += channel.stats().inFlight();
        }
        return sum;
    }
}
