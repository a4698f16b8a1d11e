package io.crosskernel.hypervisor.channel;

import io.crosskernel.api.BackpressurePolicy;
import java.util.Objects;

/**
 * A snapshot of one channel's counters, taken by {@link SpscChannel#stats()}.
 *
 * <p>Immutable; safe to pass between threads. {@code inFlight = offered - rejected - delivered} is never negative
 * (the snapshot reads the consumer's counter before the producer's), but on a running channel it may include
 * messages delivered while the snapshot was being taken. Once both ends have stopped, {@code offered == delivered +
 * rejected + inFlight} holds exactly.
 *
 * @param from          sending kernel's name
 * @param to            receiving kernel's name
 * @param capacity      messages the channel holds
 * @param policy        what the channel does when full
 * @param offered       messages the channel accounted for: sent, dropped or failed (not backpressured ones)
 * @param delivered     messages handed to the receiver's handler
 * @param rejected      offered messages refused by {@code DROP_NEWEST} or {@code FAIL}
 * @param inFlight      offered, not rejected, not yet delivered
 * @param backpressured {@code RETRY} refusals; the sender kept those messages, so they are not in {@code offered}
 * @param highWaterMark the most messages one drain found: what it took, plus (every 16th time full batches came
 *                      back to back) what it left behind; a sampled lower bound of the true peak depth (a
 *                      {@code retry} sender can see the channel full while this stays below {@code capacity})
 */
public record ChannelStats(String from, String to, int capacity, BackpressurePolicy policy, long offered,
        long delivered, long rejected, long inFlight, long backpressured, long highWaterMark) {

    public ChannelStats {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(policy, "policy");
    }

    /** {@code from->to}, as used in reports. */
    public String label() {
        return from + "->" + to;
    }
}
