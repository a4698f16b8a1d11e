package io.crosskernel.kernels.common;

import static io.crosskernel.kernels.testsupport.Routes.route;
import static io.crosskernel.kernels.testsupport.Routes.stage;
import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.ManualClock;
import io.crosskernel.api.SendResult;
import io.crosskernel.api.workload.Route;
import io.crosskernel.kernels.testsupport.TestChannel;
import io.crosskernel.kernels.testsupport.TestKernelContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The drainer rotates which inbound channel it starts with, so a flooded channel that takes every free job cannot
 * starve a channel that only trickles. Deterministic: a kernel that finishes a fixed number of jobs per duty cycle,
 * no clock reads that matter.
 */
class InboundDrainerTest {
    private static final int FLOODED_ROUTE = 0;
    private static final int TRICKLE_ROUTE = 1;
    /** Jobs the kernel finishes per duty cycle: fewer than the flood offers, so free jobs always run out. */
    private static final int FINISHED_PER_CYCLE = 2;

    private final Route flooded = route(FLOODED_ROUTE, stage(1), stage(0));
    private final Route trickle = route(TRICKLE_ROUTE, stage(2), stage(0));
    private final TestChannel flood = new TestChannel(1, 0, 1024, BackpressurePolicy.RETRY);
    private final TestChannel trickling = new TestChannel(2, 0, 16, BackpressurePolicy.RETRY);
    private final TestKernelContext ctx = new TestKernelContext(0, "k0", 1, new ManualClock(0),
            List.of(flooded, trickle)).inbound(flood).inbound(trickling);
    private final JobPool pool = new JobPool(4);
    private final JobQueue taken = new JobQueue();
    private final InboundDrainer drainer = new InboundDrainer(ctx, 0, pool, taken::add);
    private final Envelope message = new Envelope();
    private long nextId;

    private void send(TestChannel channel, int routeId) {
        message.requestId = nextId++;
        message.routeId = routeId;
        message.stage = 1;
        assertThat(channel.offer(message)).isEqualTo(SendResult.SENT);
    }

    /** The kernel's work between drains: finishes the oldest jobs; returns how many were trickle jobs. */
    private int finishSome() {
        int trickleJobs = 0;
        for (int i = 0; i < FINISHED_PER_CYCLE && !taken.isEmpty(); i++) {
            Job job = taken.poll();
            if (job.routeId == TRICKLE_ROUTE) {
                trickleJobs++;
            }
            pool.release(job);
        }
        return trickleJobs;
    }

    @Test
    void aTrickleBehindAFloodedChannelIsServedWithinOneRoundOfChannels() {
        int channels = 2;
        int longestWait = 0;
        int served = 0;
        for (int round = 0; round < 50; round++) {
            while (flood.size() < 512) {
                send(flood, FLOODED_ROUTE); // the flood never lets up
            }
            send(trickling, TRICKLE_ROUTE);
            int calls = 0;
            while (trickling.size() > 0) {
                finishSome();
                drainer.drain(64);
                calls++;
                assertThat(calls).as("drains before the trickle's message was taken").isLessThanOrEqualTo(channels);
            }
            longestWait = Math.max(longestWait, calls);
            served++;
        }
        assertThat(served).isEqualTo(50);
        assertThat(longestWait).isLessThanOrEqualTo(channels);
        assertThat(pool.inUse()).as("the flood still fills every free job").isEqualTo(pool.capacity());
    }

    @Test
    void neverTakesMoreMessagesThanThereAreFreeJobs() {
        for (int i = 0; i < 10; i++) {
            send(flood, FLOODED_ROUTE);
            send(trickling, TRICKLE_ROUTE);
        }

        assertThat(drainer.drain(64)).isEqualTo(4);
        assertThat(drainer.drain(64)).isZero();
        assertThat(flood.size() + trickling.size()).isEqualTo(16);
    }
}
