package io.crosskernel.hypervisor.report;

/**
 * One channel's accounting: {@code offered = delivered + rejected + inFlight}.
 *
 * @param backpressured offers refused under the {@code retry} policy (the sender kept and retried them)
 * @param highWaterMark most messages ever waiting in the channel
 * @param balanced      the identity holds with {@code inFlight} measured independently (the queue's own size)
 */
public record ChannelReport(String from, String to, int capacity, String policy, long offered, long delivered,
        long rejected, long inFlight, long backpressured, long highWaterMark, boolean balanced) {
}
