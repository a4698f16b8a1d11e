package io.crosskernel.hypervisor.report;

/**
 * One channel's accounting. The channel's own figures ({@code offered = delivered + rejected + inFlight}, all from its
 * ring positions and refusal counters) agree by construction; {@code balanced} checks them against the counts the two
 * kernels kept independently: {@code sent = received + inFlight + rejected}.
 *
 * @param backpressured offers refused under the {@code retry} policy (the sender kept and retried them)
 * @param highWaterMark most messages ever waiting in the channel
 * @param sent          messages the sending kernel handed to the channel, counted by the sender (retry refusals
 *                      excluded)
 * @param received      messages the receiving kernel took from the channel, counted by the receiver
 * @param balanced      {@code sent == received + inFlight + rejected}
 */
public record ChannelReport(String from, String to, int capacity, String policy, long offered, long delivered,
        long rejected, long inFlight, long backpressured, long highWaterMark, long sent, long received,
        boolean balanced) {
}
