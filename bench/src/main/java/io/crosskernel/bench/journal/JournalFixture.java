package io.crosskernel.bench.journal;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.channel.SpscChannel;
import io.crosskernel.hypervisor.journal.JournalingInboundChannel;
import io.crosskernel.hypervisor.journal.JournalingOutboundChannel;
import io.crosskernel.hypervisor.journal.JournalFailure;
import io.crosskernel.hypervisor.journal.KernelJournalWriter;
import io.crosskernel.hypervisor.journal.PayloadMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One channel from kernel 0 to kernel 1, journaled ({@code none}, {@code digest}, {@code full}: the payload mode) or
 * not ({@code off}), exactly as the host wires it: the sender's offers through a {@link JournalingOutboundChannel}
 * into the sender's queue, the receiver's drains through a {@link JournalingInboundChannel} into the receiver's.
 *
 * <p>Threading: built and closed on a benchmark's setup thread; {@link #out} used by one producer thread and
 * {@link #in} by one consumer thread afterwards.
 */
final class JournalFixture implements AutoCloseable {
    static final String OFF = "off";

    final OutboundChannel out;
    final InboundChannel in;
    private final Path directory;
    private final KernelJournalWriter sender;
    private final KernelJournalWriter receiver;

    JournalFixture(String journal, int capacity) {
        SpscChannel channel = new SpscChannel(new LinkSpec(0, "sender", 1, "receiver", capacity,
                BackpressurePolicy.RETRY), failed -> {
                    throw new IllegalStateException("a RETRY channel never fails: " + failed);
                });
        if (OFF.equals(journal)) {
            directory = null;
            sender = null;
            receiver = null;
            out = channel;
            in = channel;
            return;
        }
        PayloadMode mode = PayloadMode.parse(journal);
        try {
            directory = Files.createTempDirectory("xk-journal-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sender = new KernelJournalWriter(directory.resolve("sender"), 0, "sender", mode, SystemNanoClock.INSTANCE,
                new JournalFailure());
        receiver = new KernelJournalWriter(directory.resolve("receiver"), 1, "receiver", mode,
                SystemNanoClock.INSTANCE, new JournalFailure());
        out = new JournalingOutboundChannel(channel, sender, SystemNanoClock.INSTANCE);
        in = new JournalingInboundChannel(channel, receiver, SystemNanoClock.INSTANCE);
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        sender.close();
        receiver.close();
        deleteTree(directory);
    }

    /** Deletes {@code directory} and everything below it (a benchmark's temporary journal). */
    static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
