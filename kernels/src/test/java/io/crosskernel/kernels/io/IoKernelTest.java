package io.crosskernel.kernels.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.BackpressurePolicy;
import io.crosskernel.api.Envelope;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.metrics.LatencyRecorder;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.BurstSchedule;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.kernels.testsupport.TestChannel;
import io.crosskernel.kernels.testsupport.TestKernelContext;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The io kernel driven from the test thread, with real loopback clients. */
@Timeout(60)
class IoKernelTest {
    private static final int IO = 0;
    private static final int NEXT = 1;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private IoKernel kernel;

    @AfterEach
    void close() throws Exception {
        if (kernel != null) {
            kernel.onShutdown();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private static Stage stage(int kernelId, long costNanos, long failEvery) {
        return new Stage(kernelId, "k" + kernelId, costNanos, 1, failEvery);
    }

    private static Route ingressRoute(int id, Stage... stages) {
        return new Route(id, "in" + id, "ingress", List.of(stages), 0);
    }

    private TestKernelContext context(List<Route> routes) {
        return new TestKernelContext(IO, "io", 1, SystemNanoClock.INSTANCE, routes);
    }

    private IoKernel boot(TestKernelContext context, Map<String, String> settings) {
        kernel = new IoKernel(IoSettings.parse(settings));
        kernel.onBoot(context);
        return kernel;
    }

    private DatagramChannel udpClient() throws IOException {
        DatagramChannel client = DatagramChannel.open();
        closeables.add(client);
        return client;
    }

    private static void sendDatagram(DatagramChannel client, int port, long id, boolean malformed) throws IOException {
        ByteBuffer datagram = malformed ? ByteBuffer.allocate(3)
                : ByteBuffer.allocate(16).putLong(id).putLong(~id).flip();
        client.send(datagram, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Runs duty cycles until {@code done}; the client has already written everything, so no other thread is needed. */
    private void workUntil(String what, java.util.function.BooleanSupplier done) {
        Await.until(what, done, () -> kernel.doWork(0));
    }

    /** Drains a test channel, keeping each message's trace id and payload by request id. */
    private static Map<Long, long[]> drain(TestChannel channel) {
        Map<Long, long[]> out = new HashMap<>();
        channel.drain((Envelope e) -> out.put(e.requestId, new long[] {e.traceId, e.payload, e.routeId, e.stage}),
                Integer.MAX_VALUE);
        return out;
    }

    @Test
    void turnsEveryDatagramIntoARequestOfTheIngressWorkloadAndForwardsIt() throws IOException {
        Route route = ingressRoute(0, stage(IO, 0, 0), stage(NEXT, 0, 0));
        TestChannel toNext = new TestChannel(IO, NEXT, 4096, BackpressurePolicy.RETRY);
        TestKernelContext context = context(List.of(route)).outbound(toNext)
                .source(new Source(route, new ExternalArrivals("udp")));
        boot(context, Map.of());
        context.openSources(System.nanoTime());

        DatagramChannel client = udpClient();
        int sent = 0;
        int malformed = 0;
        for (int burst = 0; burst < 10; burst++) {
            for (int i = 0; i < 100; i++, sent++) {
                boolean bad = sent % 50 == 49;
                malformed += bad ? 1 : 0;
                sendDatagram(client, kernel.udpPort(), 1000 + sent, bad);
            }
            int expected = sent;
            workUntil("datagrams read", () -> kernel.udpCounters().datagramsReceived() >= expected);
        }
        workUntil("every request forwarded", () -> kernel.jobsInFlight() == 0
                && context.sum(m -> m.generated, 0) == context.sum(m -> m.messagesOut) + context.sum(m -> m.failed, 0));

        int wellFormed = sent - malformed;
        assertThat(context.sum(m -> m.generated, 0)).isEqualTo(sent);
        assertThat(context.sum(m -> m.failed, 0)).isEqualTo(malformed);
        assertThat(context.sum(m -> m.dropped, 0)).isZero();
        assertThat(context.sum(m -> m.messagesOut)).isEqualTo(wellFormed);
        Map<Long, long[]> messages = drain(toNext);
        assertThat(messages).hasSize(wellFormed);
        Set<Long> traceIds = new HashSet<>();
        for (Map.Entry<Long, long[]> m : messages.entrySet()) {
            long clientId = m.getValue()[0];
            assertThat(m.getKey() >>> 40).isEqualTo(0L);
            assertThat(m.getValue()[1]).isEqualTo(~clientId);
            assertThat(m.getValue()[3]).isEqualTo(1L);
            traceIds.add(clientId);
        }
        int total = sent;
        assertThat(traceIds).hasSize(wellFormed).allMatch(id -> id >= 1000 && id < 1000 + total);
        assertThat(listener(kernel, "udp")).containsEntry("datagrams", (long) sent)
                .containsEntry("accepted", (long) wellFormed).containsEntry("dropped", 0L)
                .containsEntry("malformed", (long) malformed).containsEntry("ringDrops", 0L)
                .containsEntry("port", kernel.udpPort());
        assertThat(kernel.stats()).doesNotContainKey("tcp");
        Histogram lateness = LatencyRecorder.newAccumulator();
        context.metrics(0).lateness[0].drainInto(lateness);
        assertThat(lateness.getTotalCount()).isEqualTo(wellFormed);
        assertThat(context.announcements()).containsExactly("udp 127.0.0.1:" + kernel.udpPort() + " -> workload 'in0'");
    }

    @Test
    void countsRingOverflowAsGeneratedAndDroppedSoTheRouteStillBalances() throws IOException {
        Route route = ingressRoute(0, stage(IO, 0, 0), stage(NEXT, 0, 0));
        // A tiny channel nobody drains: the forwarder holds jobs, the pool (16) fills, then the ring (4) overflows.
        TestChannel toNext = new TestChannel(IO, NEXT, 2, BackpressurePolicy.RETRY);
        TestKernelContext context = context(List.of(route)).outbound(toNext)
                .source(new Source(route, new ExternalArrivals("udp")));
        boot(context, Map.of("ring", "4", "queueDepth", "16", "batch", "8"));
        context.openSources(System.nanoTime());

        DatagramChannel client = udpClient();
        for (int i = 0; i < 200; i++) {
            sendDatagram(client, kernel.udpPort(), i, false);
            if (i % 50 == 49) {
                int expected = i + 1;
                workUntil("datagrams read", () -> kernel.udpCounters().datagramsReceived() >= expected);
            }
        }
        WorkerMetrics m = context.metrics(0);
        long dropped = m.dropped[0].get();
        assertThat(m.generated[0].get()).isEqualTo(200);
        assertThat(dropped).isEqualTo(200 - 2 - 16 - 4).isEqualTo((Long) listener(kernel, "udp").get("ringDrops"));

        // Let the next kernel catch up: everything not dropped leaves, and the route balances.
        workUntil("everything held leaves", () -> {
            drain(toNext);
            return kernel.jobsInFlight() == 0 && m.messagesOut.get() + dropped == 200;
        });
        assertThat(m.generated[0].get()).isEqualTo(m.messagesOut.get() + m.dropped[0].get() + m.failed[0].get());
    }

    @Test
    void completesTcpFramesAndCountsAProtocolErrorAsAFailedRequest() throws IOException {
        Route route = ingressRoute(0, stage(IO, 1_000, 0));
        TestKernelContext context = context(List.of(route)).source(new Source(route, new ExternalArrivals("tcp")));
        boot(context, Map.of("maxFrame", "64B"));
        context.openSources(System.nanoTime());

        Socket socket = new Socket();
        closeables.add(socket);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), kernel.tcpPort()));
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        for (int i = 0; i < 50; i++) {
            out.writeInt(16);
            out.writeLong(i);
            out.writeLong(i * 3L);
        }
        out.writeInt(65); // longer than maxFrame: a protocol error that closes the connection
        out.flush();

        WorkerMetrics m = context.metrics(0);
        workUntil("frames and the error counted", () -> m.completed[0].get() + m.failed[0].get() == 51);
        assertThat(m.generated[0].get()).isEqualTo(51);
        assertThat(m.completed[0].get()).isEqualTo(50);
        assertThat(m.failed[0].get()).isEqualTo(1);
        assertThat(listener(kernel, "tcp")).containsEntry("frames", 50L).containsEntry("framesAccepted", 50L)
                .containsEntry("protocolErrors", 1L).containsEntry("connections", 1L)
                .containsEntry("port", kernel.tcpPort());
        assertThat(context.announcements()).containsExactly("tcp 127.0.0.1:" + kernel.tcpPort() + " -> workload 'in0'");
    }

    @Test
    void readsNothingBeforeTheSourcesOpenAndCountsItAllAfterwards() throws IOException {
        Route route = ingressRoute(0, stage(IO, 0, 0));
        TestKernelContext context = context(List.of(route)).source(new Source(route, new ExternalArrivals("udp")));
        boot(context, Map.of());
        DatagramChannel client = udpClient();
        for (int i = 0; i < 20; i++) {
            sendDatagram(client, kernel.udpPort(), i, false);
        }
        for (int i = 0; i < 1000; i++) {
            kernel.doWork(0);
        }
        assertThat(context.metrics(0).generated[0].get()).isZero();

        context.openSources(System.nanoTime());
        workUntil("all completed", () -> context.metrics(0).completed[0].get() == 20);
        assertThat(context.metrics(0).generated[0].get()).isEqualTo(20);
    }

    @Test
    void servesSyntheticSourcesAndInboundMessagesLikeTheGeneralKernel() {
        Route burst = new Route(0, "spike", "burst", List.of(stage(IO, 0, 5), stage(NEXT, 0, 0)), 0);
        Route back = new Route(1, "back", "stream", List.of(stage(NEXT, 0, 0), stage(IO, 0, 0)), 0);
        TestChannel toNext = new TestChannel(IO, NEXT, 1024, BackpressurePolicy.RETRY);
        TestChannel fromNext = new TestChannel(NEXT, IO, 1024, BackpressurePolicy.RETRY);
        TestKernelContext context = context(List.of(burst, back)).outbound(toNext).inbound(fromNext)
                .source(new Source(burst, new BurstSchedule(0, 100, 0, Long.MAX_VALUE)));
        boot(context, Map.of());
        for (int i = 0; i < 30; i++) {
            Envelope e = new Envelope();
            e.requestId = (1L << 40) | i;
            e.routeId = 1;
            e.stage = 1;
            e.originNanos = System.nanoTime();
            e.sentNanos = e.originNanos;
            fromNext.offer(e);
        }
        context.openSources(System.nanoTime());

        WorkerMetrics m = context.metrics(0);
        workUntil("burst and messages done", () -> m.completed[1].get() == 30
                && m.messagesOut.get() + m.failed[0].get() == 100);
        assertThat(m.generated[0].get()).isEqualTo(100);
        assertThat(m.failed[0].get()).isEqualTo(20); // failEvery: 5
        assertThat(m.messagesIn.get()).isEqualTo(30);
        assertThat(context.errors()).hasSize(20);
        assertThat(kernel.stats()).isEmpty(); // no listener without an ingress workload
        assertThat(context.announcements()).isEmpty();
    }

    @Test
    void aMessageForAStageThatDoesNotRunHereIsDroppedAndReportedByTheSharedIntake() {
        Route back = new Route(0, "back", "stream", List.of(stage(NEXT, 0, 0), stage(IO, 0, 0)), 0);
        TestChannel fromNext = new TestChannel(NEXT, IO, 16, BackpressurePolicy.RETRY);
        TestKernelContext context = context(List.of(back)).inbound(fromNext);
        boot(context, Map.of());
        Envelope e = new Envelope();
        e.requestId = 7;
        e.routeId = 0;
        e.stage = 0; // stage 0 runs on NEXT, not here
        fromNext.offer(e);

        kernel.doWork(0);

        WorkerMetrics m = context.metrics(0);
        assertThat(m.dropped[0].get()).isEqualTo(1);
        assertThat(m.tasksCompleted.get() + m.tasksFailed.get()).isZero();
        assertThat(kernel.jobsInFlight()).isZero();
        assertThat(context.errors()).singleElement()
                .satisfies(r -> assertThat(r.error().getMessage()).contains("does not run here"));
    }

    @Test
    void releasesItsPortsAtShutdown() throws IOException {
        Route udpRoute = ingressRoute(0, stage(IO, 0, 0));
        Route tcpRoute = ingressRoute(1, stage(IO, 0, 0));
        TestKernelContext context = context(List.of(udpRoute, tcpRoute))
                .source(new Source(udpRoute, new ExternalArrivals("udp")))
                .source(new Source(tcpRoute, new ExternalArrivals("tcp")));
        boot(context, Map.of());
        int udpPort = kernel.udpPort();
        int tcpPort = kernel.tcpPort();
        kernel.onShutdown();
        kernel = null;

        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort));
        }
        try (java.nio.channels.ServerSocketChannel again = java.nio.channels.ServerSocketChannel.open()) {
            again.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort));
        }
    }

    @Test
    void aBootThatFailsHalfWayClosesTheListenerItAlreadyOpened() throws IOException {
        Route udpRoute = ingressRoute(0, stage(IO, 0, 0));
        Route tcpRoute = ingressRoute(1, stage(IO, 0, 0));
        int udpPort;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            udpPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        java.nio.channels.ServerSocketChannel busy = java.nio.channels.ServerSocketChannel.open();
        closeables.add(busy);
        busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int busyPort = ((InetSocketAddress) busy.getLocalAddress()).getPort();
        TestKernelContext context = context(List.of(udpRoute, tcpRoute))
                .source(new Source(udpRoute, new ExternalArrivals("udp")))
                .source(new Source(tcpRoute, new ExternalArrivals("tcp")));
        IoKernel failing = new IoKernel(IoSettings.parse(Map.of("udpPort", Integer.toString(udpPort),
                "tcpPort", Integer.toString(busyPort))));

        assertThatThrownBy(() -> failing.onBoot(context)).hasMessageContaining("could not open its listeners");
        try (DatagramChannel again = DatagramChannel.open()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort)); // released
        }
    }

    /** One listener's figures in the kernel's report details: {@code udp} or {@code tcp}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> listener(IoKernel kernel, String protocol) {
        return (Map<String, Object>) kernel.stats().get(protocol);
    }
}
