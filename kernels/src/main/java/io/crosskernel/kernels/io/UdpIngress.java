package io.crosskernel.kernels.io;

import io.crosskernel.api.Clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Receives requests as UDP datagrams on a loopback address, without blocking.
 *
 * <p>Wire format: one request per datagram, {@code [request id: 8 bytes, big-endian][payload: 0..n bytes]}. A
 * datagram shorter than 8 bytes is counted as malformed. See docs/IO.md.
 *
 * <p>Design: no {@code Selector}. {@link #poll} calls {@link DatagramChannel#receive} on the non-blocking channel until
 * it returns {@code null}: an idle poll costs one {@code recvfrom} that returns {@code EAGAIN}, exactly what a
 * {@code selectNow()} would cost ({@code epoll_wait}), and a busy poll saves the extra {@code epoll_wait} per batch. A
 * selector only pays when one thread watches many sockets; this ingress owns one. Every datagram is received into one
 * 64 KiB direct buffer allocated here, larger than any IPv4 UDP payload, so nothing is ever truncated.
 *
 * <p>Costs the JDK imposes per receive: an uncontended internal lock, and the sender's {@code InetSocketAddress},
 * which JDK 17 caches and reuses while consecutive datagrams come from the same sender (a new sender allocates one).
 *
 * <p>Threading: {@link #poll} and {@link #close} belong to one owning thread (the I/O kernel's dispatching worker, or
 * the host after that worker stopped). {@link #port()}, {@link #receiveBufferBytes()} and {@link #counters()} may be
 * read from any thread.
 */
public final class UdpIngress implements AutoCloseable {
    /** Bytes of the request id every datagram starts with. */
    public static final int REQUEST_ID_BYTES = 8;
    /** Receive buffer size: above the largest IPv4 UDP payload (65,507 bytes). */
    static final int DATAGRAM_BUFFER_BYTES = 64 * 1024;

    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(DATAGRAM_BUFFER_BYTES);
    private final Clock clock;
    private final int port;
    private final int receiveBufferBytes;
    private final UdpIngressCounters counters = new UdpIngressCounters();

    private UdpIngress(DatagramChannel channel, Clock clock, int port, int receiveBufferBytes) {
        this.channel = channel;
        this.clock = clock;
        this.port = port;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /** Binds a non-blocking UDP socket as configured. Not for the hot path: allocates and makes system calls. */
    public static UdpIngress open(UdpIngressConfig config, Clock clock) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            channel.bind(new InetSocketAddress(config.bindAddress(), config.port()));
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            return new UdpIngress(channel, clock, port, channel.getOption(StandardSocketOptions.SO_RCVBUF));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Owner thread. Receives up to {@code limit} datagrams that are already waiting, never blocking, and hands each
     * well-formed one to {@code sink}, counting it as accepted or (if the sink refuses) dropped.
     *
     * @return the number of datagrams taken off the socket (0 when none was waiting)
     * @throws UncheckedIOException if the socket fails (not for an empty socket)
     */
    public int poll(RequestSink sink, int limit) {
        int received = 0;
        while (received < limit) {
            buffer.clear();
            SocketAddress sender;
            try {
                sender = channel.receive(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException("UDP receive failed on port " + port, e);
            }
            if (sender == null) {
                break;
            }
            received++;
            long now = clock.nanoTime();
            int length = buffer.position();
            counters.datagramsReceived.increment();
            counters.bytesReceived.add(length);
            if (length < REQUEST_ID_BYTES) {
                counters.malformed.increment();
                continue;
            }
            int payloadLength = length - REQUEST_ID_BYTES;
            long payloadHead = Payloads.head(buffer, REQUEST_ID_BYTES, payloadLength);
            if (sink.offer(buffer.getLong(0), now, payloadLength, payloadHead)) {
                counters.accepted.increment();
            } else {
                counters.dropped.increment();
            }
        }
        return received;
    }

    /** Any thread: the bound port (the real one when configured with 0). */
    public int port() {
        return port;
    }

    /** Any thread: the SO_RCVBUF the OS granted (Linux reports twice the usable space). */
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /** Any thread. */
    public UdpIngressCounters counters() {
        return counters;
    }

    /** Owner thread. Closes the socket and releases the port; idempotent. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
