package io.crosskernel.kernels.io;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpIngressTest {
    private static final int DATAGRAMS = 10_000;
    /** Burst far below the socket buffer, so the kernel never drops: each small datagram costs ~1 KiB of it. */
    private static final int BURST = 100;

    private final ExecutorService clientThread = Executors.newSingleThreadExecutor();
    private UdpIngress ingress;
    private DatagramChannel client;
    private InetSocketAddress target;

    @BeforeEach
    void open() throws IOException {
        ingress = UdpIngress.open(UdpIngressConfig.loopback(0), SystemNanoClock.INSTANCE);
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), ingress.port());
        client = DatagramChannel.open();
    }

    @AfterEach
    void close() throws IOException {
        clientThread.shutdownNow();
        client.close();
        ingress.close();
    }

    /** Request {@code id}: malformed (0..7 bytes) when {@code id % 97 == 0}, else id + an 8-byte payload {@code ~id}. */
    private void send(long id) throws IOException {
        ByteBuffer datagram;
        if (isMalformed(id)) {
            datagram = ByteBuffer.allocate((int) (id % 8));
        } else {
            datagram = ByteBuffer.allocate(16).putLong(id).putLong(~id).flip();
        }
        client.send(datagram, target);
    }

    private static boolean isMalformed(long id) {
        return id % 97 == 0;
    }

    /** Sends ids 0..count-1 in bursts, each burst only once the ingress has taken the previous one off the socket. */
    private Future<?> sendPaced(int count) {
        assertThat(BURST * 2048).isLessThan(ingress.receiveBufferBytes());
        return clientThread.submit(() -> {
            for (int sent = 0; sent < count; ) {
                int burstEnd = Math.min(count, sent + BURST);
                for (; sent < burstEnd; sent++) {
                    send(sent);
                }
                long expected = sent;
                Await.until("ingress to receive " + expected, () -> ingress.counters().datagramsReceived() >= expected);
            }
            return null;
        });
    }

    @Test
    void bindsAnEphemeralLoopbackPort() throws IOException {
        assertThat(ingress.port()).isBetween(1, 65535);
        try (DatagramChannel probe = DatagramChannel.open()) {
            assertThatThrownBy(() -> probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    ingress.port()))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void deliversEveryWellFormedDatagramOfAPacedClientWhenThePipelineKeepsUp() throws Exception {
        RequestRing ring = new RequestRing(256);
        RecordingSink pipeline = new RecordingSink();
        Future<?> clientDone = sendPaced(DATAGRAMS);

        // the client finishes only once the ingress took its last burst off the socket (or it failed: get() says)
        Await.until("the paced client", clientDone::isDone,
                () -> {
                    ingress.poll(ring, 64);
                    ring.drainTo(pipeline, Integer.MAX_VALUE);
                });
        clientDone.get();
        assertThat(ingress.counters().datagramsReceived()).isEqualTo(DATAGRAMS);

        long malformed = LongStream.range(0, DATAGRAMS).filter(UdpIngressTest::isMalformed).count();
        UdpIngressCounters counters = ingress.counters();
        assertThat(counters.malformed()).isEqualTo(malformed);
        assertThat(counters.dropped()).isZero();
        assertThat(counters.accepted()).isEqualTo(DATAGRAMS - malformed);
        assertThat(counters.accounted()).isEqualTo(DATAGRAMS);
        assertThat(ring.accepted()).isEqualTo(counters.accepted());
        List<Long> expectedIds = LongStream.range(0, DATAGRAMS).filter(id -> !isMalformed(id)).boxed().toList();
        assertThat(pipeline.ids()).containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(pipeline.requests).allSatisfy(r -> {
            assertThat(r.payloadLength()).isEqualTo(8);
            assertThat(r.payloadHead()).isEqualTo(~r.requestId());
        });
    }

    @Test
    void accountsForEveryDatagramExactlyOnceWhenThePipelineIsSlow() throws Exception {
        RequestRing ring = new RequestRing(32);
        RecordingSink pipeline = new RecordingSink();
        Future<?> clientDone = sendPaced(DATAGRAMS);

        // the client finishes only once the ingress took its last burst off the socket (or it failed: get() says)
        Await.until("the paced client", clientDone::isDone,
                () -> {
                    ingress.poll(ring, 64);
                    ring.drainTo(pipeline, 4); // takes fewer per cycle than a burst brings: the ring overflows
                });
        clientDone.get();
        assertThat(ingress.counters().datagramsReceived()).isEqualTo(DATAGRAMS);
        ring.drainTo(pipeline, Integer.MAX_VALUE);

        UdpIngressCounters counters = ingress.counters();
        assertThat(counters.dropped()).isPositive();
        assertThat(counters.accepted() + counters.dropped() + counters.malformed()).isEqualTo(DATAGRAMS);
        assertThat(ring.rejected()).isEqualTo(counters.dropped());
        assertThat(pipeline.requests).hasSize((int) counters.accepted());
        Set<Long> distinct = new HashSet<>(pipeline.ids());
        assertThat(distinct).hasSize(pipeline.requests.size()).allMatch(id -> id >= 0 && id < DATAGRAMS);
    }

    @Test
    void countsDropsExactlyWhenATinyRingIsNeverDrained() throws Exception {
        RequestRing ring = new RequestRing(8);
        for (long id = 1; id <= 100; id++) { // 100 small datagrams fit the socket buffer many times over
            client.send(ByteBuffer.allocate(8).putLong(id).flip(), target);
        }

        Await.until("100 datagrams", () -> ingress.counters().datagramsReceived() == 100, () -> ingress.poll(ring, 16));

        assertThat(ingress.counters().accepted()).isEqualTo(8);
        assertThat(ingress.counters().dropped()).isEqualTo(92);
        assertThat(ingress.counters().malformed()).isZero();
        assertThat(ring.rejected()).isEqualTo(92);
        RecordingSink pipeline = new RecordingSink();
        ring.drainTo(pipeline, 100);
        assertThat(pipeline.ids()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L); // one sender on loopback: in order
        assertThat(pipeline.requests).allSatisfy(r -> assertThat(r.payloadLength()).isZero());
    }

    @Test
    void receivesNoMoreThanTheLimitPerPoll() throws Exception {
        RecordingSink sink = new RecordingSink();
        for (long id = 0; id < 10; id++) {
            client.send(ByteBuffer.allocate(8).putLong(id).flip(), target);
        }
        Await.until("10 datagrams", () -> sink.requests.size() == 10,
                () -> assertThat(ingress.poll(sink, 3)).isBetween(0, 3));
        assertThat(ingress.poll(sink, 3)).isZero();
    }

    @Test
    void stampsEachRequestWithTheInjectedClockAndKeepsShortPayloadsLeftAligned() throws Exception {
        ManualClock clock = new ManualClock(12_345);
        try (UdpIngress stamped = UdpIngress.open(UdpIngressConfig.loopback(0), clock)) {
            client.send(ByteBuffer.allocate(11).putLong(7).put((byte) 1).put((byte) 2).put((byte) 3).flip(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), stamped.port()));
            RecordingSink sink = new RecordingSink();
            Await.until("one datagram", () -> sink.requests.size() == 1, () -> stamped.poll(sink, 1));

            assertThat(sink.requests.get(0)).isEqualTo(new RecordingSink.Request(7, 12_345, 3, 0x0102030000000000L));
            assertThat(stamped.counters().bytesReceived()).isEqualTo(11);
        }
    }

    @Test
    void closingReleasesThePort() throws IOException {
        int port = ingress.port();
        ingress.close();
        try (UdpIngress again = UdpIngress.open(UdpIngressConfig.loopback(port), SystemNanoClock.INSTANCE)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    @Test
    void refusesToBindAnythingButLoopback() throws IOException {
        InetAddress any = InetAddress.getByAddress(new byte[] {0, 0, 0, 0});
        assertThatThrownBy(() -> new UdpIngressConfig(any, 0, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UdpIngressConfig.loopback(70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
