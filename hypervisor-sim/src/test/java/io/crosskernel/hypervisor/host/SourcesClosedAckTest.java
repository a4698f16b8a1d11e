package io.crosskernel.hypervisor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.channel.ChannelFabric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A kernel process's sources are done only when every worker ended a duty cycle after they were closed. */
class SourcesClosedAckTest {
    private final HostKernelContext context = new HostKernelContext(0, "k", List.of(0, 1), SystemNanoClock.INSTANCE,
            new ChannelFabric(1, List.of(), channel -> { }), List.of(), List.of(),
            new TaskErrorLog(() -> { }, reason -> true), new ArrayList<>());
    private final SourcesClosedAck ack = new SourcesClosedAck(context, 2);

    @Test
    void isNotDoneWhileTheSourcesMayStillRelease() {
        ack.afterDutyCycle(0);
        ack.afterDutyCycle(1);
        assertThat(ack.allSeen()).as("before the sources open").isFalse();

        context.openSources(1);
        ack.afterDutyCycle(0);
        ack.afterDutyCycle(1);
        assertThat(ack.allSeen()).as("while they are open").isFalse();
    }

    @Test
    void isDoneOnceEveryWorkerEndedADutyCycleAfterTheClose() {
        context.openSources(1);
        context.closeSources();
        assertThat(ack.allSeen()).as("no worker has looked yet").isFalse();

        ack.afterDutyCycle(0);
        assertThat(ack.allSeen()).as("worker 1 may still be releasing").isFalse();

        ack.afterDutyCycle(1);
        assertThat(ack.allSeen()).isTrue();
        assertThat(context.sourcesOpen()).isFalse();
    }
}
