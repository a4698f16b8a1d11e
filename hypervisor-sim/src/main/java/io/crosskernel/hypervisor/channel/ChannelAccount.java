package io.crosskernel.hypervisor.channel;

import java.util.Objects;

/**
 * One channel's accounting at the end of a run: the channel's own figures ({@link ChannelStats}, from its ring
 * positions and refusal counters) against the counts its two ends kept independently.
 *
 * <p>The identity checked is {@code sent == received + inFlight + rejected}: {@code sent} is what the sending kernel
 * handed over (its {@link SendingEnd}), {@code received} what the receiving kernel took ({@link ReceivingEnd}),
 * {@code inFlight} what the ring still holds and {@code rejected} what the channel refused. A message lost inside the
 * channel leaves {@code sent} one above the right-hand side, a duplicated one leaves it one below.
 *
 * <p>Immutable. Meaningful once both ends have stopped (the host takes it after joining every worker); taken from a
 * running channel the two sides are read at different moments and may differ by the messages in transit.
 *
 * @param stats    the channel's own snapshot
 * @param sent     messages the sending kernel handed to the channel (accepted or rejected; not {@code retry} refusals)
 * @param received messages the receiving kernel took from the channel
 */
public record ChannelAccount(ChannelStats stats, long sent, long received) {
    public ChannelAccount {
        Objects.requireNonNull(stats, "stats");
    }

    /** {@code received + inFlight + rejected}: what the channel shows for the messages it was handed. */
    public long accountedFor() {
        return received + stats.inFlight() + stats.rejected();
    }

    /** The identity holds: every message the sender handed over was received, refused or is still in the ring. */
    public boolean balanced() {
        return sent == accountedFor();
    }

    /**
     * One line naming the channel and its figures when the identity fails, for the report's problems; null when it
     * holds.
     */
    public String problem() {
        if (balanced()) {
            return null;
        }
        long difference = sent - accountedFor();
        String what = difference > 0
                ? difference + (difference == 1 ? " message" : " messages") + " lost inside the channel"
                : -difference + (difference == -1 ? " message" : " messages") + " duplicated inside the channel";
        return "channel " + stats.label() + ": sent " + sent + " != received " + received + " + in flight "
                + stats.inFlight() + " + rejected " + stats.rejected() + " (" + what + ")";
    }
}
