package io.crosskernel.kernels.io;

import io.crosskernel.api.ManualClock;
import io.crosskernel.api.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TcpIngressTest {
    private static final int MAX_FRAME = 64;

    private final ExecutorService clients = Executors.newFixedThreadPool(4);
    private final List<Socket> sockets = new ArrayList<>();
    private TcpIngress ingress;

    @BeforeEach
    void open() throws IOException {
        ingress = TcpIngress.open(TcpIngressConfig.loopback(0).withMaxFrameLength(MAX_FRAME), SystemNanoClock.INSTANCE);
    }

    @AfterEach
    void close() throws IOException {
        clients.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        ingress.close();
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /** Frames of client {@code client}: ids {@code client << 32 | i}, payloads of 0..20 bytes. */
    private static List<FrameDecoderTest.Frame> framesOf(int client, int count) {
        List<FrameDecoderTest.Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[i % 21];
            for (int b = 0; b < payload.length; b++) {
                payload[b] = (byte) (client * 31 + i + b);
            }
            frames.add(new FrameDecoderTest.Frame(((long) client << 32) | i, payload));
        }
        return frames;
    }

    private enum WriteMode { COALESCED, FRAME_PER_WRITE, BYTE_BY_BYTE, RANDOM_CHUNKS }

    private static void write(OutputStream out, byte[] bytes, List<FrameDecoderTest.Frame> frames, WriteMode mode,
                              long seed) throws IOException {
        switch (mode) {
            case COALESCED -> out.write(bytes);
            case FRAME_PER_WRITE -> {
                for (FrameDecoderTest.Frame frame : frames) {
                    out.write(FrameDecoderTest.encode(List.of(frame)));
                }
            }
            case BYTE_BY_BYTE -> {
                for (byte b : bytes) {
                    out.write(b); // one send() per byte with TCP_NODELAY
                }
            }
            case RANDOM_CHUNKS -> {
                Random random = new Random(seed);
                for (int offset = 0; offset < bytes.length; ) {
                    int length = Math.min(bytes.length - offset, 1 + random.nextInt(40));
                    out.write(bytes, offset, length);
                    offset += length;
                }
            }
        }
        out.flush();
    }

    /** Polls on this thread, draining the ring into {@code pipeline}, until {@code done} holds. */
    private void pollUntil(String what, java.util.function.BooleanSupplier done, RequestRing ring,
                           RecordingSink pipeline, int drainPerCycle) {
        Await.until(what, done, () -> {
            ingress.poll(ring, 32);
            ring.drainTo(pipeline, drainPerCycle);
        });
    }

    private Future<?> submit(Callable<?> client) {
        return clients.submit(client);
    }

    @Test
    void decodesEveryFrameFromClientsWritingCoalescedSplitAndByteByByte() throws Exception {
        WriteMode[] modes = WriteMode.values();
        int[] counts = {300, 100, 40, 200};
        List<Future<?>> done = new ArrayList<>();
        List<FrameDecoderTest.Frame> all = new ArrayList<>();
        long totalBytes = 0;
        for (int c = 0; c < modes.length; c++) {
            List<FrameDecoderTest.Frame> frames = framesOf(c, counts[c]);
            byte[] bytes = FrameDecoderTest.encode(frames);
            all.addAll(frames);
            totalBytes += bytes.length;
            Socket socket = connect(ingress.port());
            WriteMode mode = modes[c];
            long seed = c;
            done.add(submit(() -> {
                write(socket.getOutputStream(), bytes, frames, mode, seed);
                socket.shutdownOutput(); // a clean end of stream after the last frame
                return null;
            }));
        }
        RequestRing ring = new RequestRing(64);
        RecordingSink pipeline = new RecordingSink();

        pollUntil("every connection to end", () -> ingress.counters().connectionsClosed() == modes.length,
                ring, pipeline, Integer.MAX_VALUE);
        for (Future<?> client : done) {
            client.get();
        }

        TcpIngressCounters counters = ingress.counters();
        assertThat(counters.connectionsAccepted()).isEqualTo(modes.length);
        assertThat(counters.framesReceived()).isEqualTo(all.size());
        assertThat(counters.framesAccepted()).isEqualTo(all.size());
        assertThat(counters.framesDropped()).isZero();
        assertThat(counters.protocolErrors()).isZero();
        assertThat(counters.bytesRead()).isEqualTo(totalBytes);
        assertThat(ingress.openConnections()).isZero();
        Map<Long, RecordingSink.Request> expected = all.stream().map(FrameDecoderTest.Frame::expected)
                .collect(Collectors.toMap(RecordingSink.Request::requestId, Function.identity()));
        assertThat(pipeline.requests).hasSize(all.size()).allSatisfy(r -> {
            RecordingSink.Request want = expected.get(r.requestId());
            assertThat(r.payloadLength()).isEqualTo(want.payloadLength());
            assertThat(r.payloadHead()).isEqualTo(want.payloadHead());
        });
        for (int c = 0; c < modes.length; c++) { // TCP keeps each connection's frames in order
            long client = c;
            assertThat(pipeline.ids().stream().filter(id -> id >>> 32 == client).toList())
                    .isSortedAccordingTo(Long::compare).hasSize(counts[c]);
        }
    }

    @Test
    void handsOverNoMoreThanTheLimitPerPollAndKeepsTheRestForLater() throws Exception {
        Socket socket = connect(ingress.port());
        List<FrameDecoderTest.Frame> frames = framesOf(0, 50);
        socket.getOutputStream().write(FrameDecoderTest.encode(frames)); // all 50 in one write
        RecordingSink sink = new RecordingSink();

        Await.until("50 frames", () -> sink.requests.size() == 50, () -> {
            long before = ingress.counters().framesReceived();
            ingress.poll(sink, 7);
            assertThat(ingress.counters().framesReceived() - before).isLessThanOrEqualTo(7);
        });
        assertThat(sink.ids()).containsExactlyElementsOf(frames.stream().map(FrameDecoderTest.Frame::requestId)
                .toList());
    }

    @Test
    void countsDropsExactlyWhenTheRingIsFull() throws Exception {
        Socket socket = connect(ingress.port());
        socket.getOutputStream().write(FrameDecoderTest.encode(framesOf(0, 20)));
        RequestRing ring = new RequestRing(5); // never drained

        Await.until("20 frames", () -> ingress.counters().framesReceived() == 20, () -> ingress.poll(ring, 32));

        assertThat(ingress.counters().framesAccepted()).isEqualTo(5);
        assertThat(ingress.counters().framesDropped()).isEqualTo(15);
        assertThat(ring.rejected()).isEqualTo(15);
    }

    @Test
    void closesOnlyTheConnectionThatSendsAnOversizeFrame() throws Exception {
        Socket offender = connect(ingress.port());
        Socket goodClient = connect(ingress.port());
        ByteBuffer bad = ByteBuffer.allocate(12 + 4);
        bad.putInt(8).putLong(1).putInt(MAX_FRAME + 1); // one good frame, then a length over the maximum
        offender.getOutputStream().write(bad.array());
        Future<Integer> offenderSees = clients.submit(() -> offender.getInputStream().read());
        RequestRing ring = new RequestRing(16);
        RecordingSink pipeline = new RecordingSink();

        pollUntil("the offender to see its connection closed", offenderSees::isDone, ring, pipeline, 16);

        assertThat(offenderSees.get()).isEqualTo(-1);
        assertThat(ingress.counters().protocolErrors()).isEqualTo(1);
        assertThat(ingress.counters().connectionsClosed()).isEqualTo(1);
        assertThat(ingress.counters().framesAccepted()).isEqualTo(1);

        goodClient.getOutputStream().write(FrameDecoderTest.encode(framesOf(1, 3)));
        pollUntil("the other client's frames", () -> ingress.counters().framesAccepted() == 4, ring, pipeline, 16);
        assertThat(ingress.openConnections()).isEqualTo(1);
    }

    @Test
    void countsAClientThatDisconnectsMidFrameAsAProtocolError() throws Exception {
        Socket socket = connect(ingress.port());
        byte[] twoFrames = FrameDecoderTest.encode(framesOf(0, 2));
        socket.getOutputStream().write(twoFrames, 0, twoFrames.length - 3); // the second frame lacks 3 bytes
        socket.close();
        RequestRing ring = new RequestRing(16);

        pollUntil("the connection to close", () -> ingress.counters().connectionsClosed() == 1, ring,
                new RecordingSink(), 16);

        assertThat(ingress.counters().framesAccepted()).isEqualTo(1);
        assertThat(ingress.counters().protocolErrors()).isEqualTo(1);
        assertThat(ingress.counters().accounted()).isEqualTo(2);
        assertThat(ingress.openConnections()).isZero();
    }

    @Test
    void accountsForEveryFrameExactlyOnceAcrossDropsAndProtocolErrors() throws Exception {
        int clean = 3;
        int perClient = 400;
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clean; c++) {
            Socket socket = connect(ingress.port());
            byte[] bytes = FrameDecoderTest.encode(framesOf(c, perClient));
            long seed = c;
            done.add(submit(() -> {
                write(socket.getOutputStream(), bytes, List.of(), WriteMode.RANDOM_CHUNKS, seed);
                socket.shutdownOutput();
                return null;
            }));
        }
        Socket truncating = connect(ingress.port()); // 10 frames, the last one cut short: 9 frames + 1 error
        byte[] ten = FrameDecoderTest.encode(framesOf(7, 10));
        truncating.getOutputStream().write(ten, 0, ten.length - 1);
        truncating.close();
        RequestRing ring = new RequestRing(16);
        RecordingSink pipeline = new RecordingSink();

        pollUntil("every connection to end", () -> ingress.counters().connectionsClosed() == clean + 1, ring,
                pipeline, 3); // a slow pipeline: the ring overflows
        for (Future<?> client : done) {
            client.get();
        }
        ring.drainTo(pipeline, Integer.MAX_VALUE);

        TcpIngressCounters counters = ingress.counters();
        assertThat(counters.accounted()).isEqualTo(clean * perClient + 10);
        assertThat(counters.protocolErrors()).isEqualTo(1);
        assertThat(counters.framesDropped()).isPositive().isEqualTo(ring.rejected());
        assertThat(pipeline.requests).hasSize((int) counters.framesAccepted());
        assertThat(pipeline.ids()).doesNotHaveDuplicates();
    }

    @Test
    void closesConnectionsBeyondTheLimitAtOnce() throws Exception {
        try (TcpIngress single = TcpIngress.open(TcpIngressConfig.loopback(0).withMaxConnections(1),
                SystemNanoClock.INSTANCE)) {
            Socket first = connect(single.port());
            RecordingSink sink = new RecordingSink();
            Await.until("first connection", () -> single.counters().connectionsAccepted() == 1,
                    () -> single.poll(sink, 8));
            Socket second = connect(single.port());
            Future<Integer> secondSees = clients.submit(() -> second.getInputStream().read());
            Await.until("second connection refused", secondSees::isDone, () -> single.poll(sink, 8));

            assertThat(secondSees.get()).isEqualTo(-1);
            assertThat(single.counters().connectionsRejected()).isEqualTo(1);
            first.getOutputStream().write(FrameDecoderTest.encode(framesOf(0, 2)));
            Await.until("first client's frames", () -> sink.requests.size() == 2, () -> single.poll(sink, 8));
        }
    }

    @Test
    void stampsFramesWithTheInjectedClock() throws Exception {
        ManualClock clock = new ManualClock(777);
        try (TcpIngress stamped = TcpIngress.open(TcpIngressConfig.loopback(0), clock)) {
            Socket socket = connect(stamped.port());
            socket.getOutputStream().write(FrameDecoderTest.encode(framesOf(0, 1)));
            RecordingSink sink = new RecordingSink();
            Await.until("one frame", () -> sink.requests.size() == 1, () -> stamped.poll(sink, 8));
            assertThat(sink.requests.get(0).receivedNanos()).isEqualTo(777);
        }
    }

    @Test
    void closingEndsOpenConnectionsAndReleasesThePort() throws Exception {
        int port = ingress.port();
        Socket socket = connect(port);
        Await.until("the connection", () -> ingress.counters().connectionsAccepted() == 1,
                () -> ingress.poll(new RecordingSink(), 8));

        ingress.close();

        InputStream in = socket.getInputStream();
        int read;
        try {
            read = in.read();
        } catch (SocketException reset) {
            read = -1; // a reset is an acceptable way to learn the server is gone
        }
        assertThat(read).isEqualTo(-1);
        try (TcpIngress again = TcpIngress.open(TcpIngressConfig.loopback(port), SystemNanoClock.INSTANCE)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }
}
