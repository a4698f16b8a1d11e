package io.crosskernel.hypervisor.process;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SendResult;
import io.crosskernel.hypervisor.channel.SpscChannel;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The producer of {@link CrossProcessChannelTest}, in a JVM of its own: offers {@code count} messages (request ids
 * 1..count) on the mapped channel, retrying while it is full, then stores the count in the shared counter 0.
 * Arguments: run directory, count. Exits 0 when every message was sent.
 */
public final class MappedChannelChild {
    private MappedChannelChild() {
    }

    public static void main(String[] args) {
        RunDirectory dir = RunDirectory.open(Path.of(args[0]));
        try {
            int count = Integer.parseInt(args[1]);
            SpscChannel channel = new SpscChannel(CrossProcessChannelTest.LINK, c -> { },
                    new UnsafeBuffer(dir.mapExisting(MappedChannelMemory.fileName(CrossProcessChannelTest.LINK))));
            SharedCounters counters = SharedCounters.open(dir);
            int sentId = counters.find(CrossProcessChannelTest.TYPE, 0, 0, 0);
            Envelope message = new Envelope();
            for (int i = 1; i <= count; i++) {
                message.requestId = i;
                message.payload = i * 3L;
                while (channel.offer(message) == SendResult.BACKPRESSURED) {
                    Thread.onSpinWait();
                }
                counters.setRelease(sentId, i);
            }
        } finally {
            dir.close();
        }
        System.exit(CrossProcessChannelTest.LINK.policy() == BackpressurePolicy.RETRY ? 0 : 1);
    }
}
