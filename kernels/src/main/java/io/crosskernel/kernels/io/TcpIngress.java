package io.crosskernel.kernels.io;

import io.crosskernel.api.Clock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Receives requests as length-prefixed frames over TCP connections on a loopback address, without blocking.
 *
 * <p>Wire format per connection: a stream of {@code [length: 4 bytes, big-endian][request id: 8 bytes][payload:
 * length - 8 bytes]} with {@code 8 <= length <= maxFrameLength}; see {@link FrameDecoder} and docs/IO.md. A length out
 * of range is a protocol error that closes the connection; so is a connection that ends inside a frame.
 *
 * <p>Design: one {@link Selector} over the listening socket and every connection, polled with
 * {@link Selector#selectNow(Consumer)}. That form (JDK 11+) calls a consumer allocated once here for each ready key
 * instead of adding keys to the selected-key {@code HashSet} (a node per key) and iterating it (an iterator per poll):
 * a steady-state poll allocates nothing on the Java heap. Connection state (a {@link FrameDecoder} with its direct
 * buffer) lives in {@code maxConnections} slots allocated at {@link #open}; slots are reused, and a connection beyond
 * the limit is closed at once and counted as rejected.
 *
 * <p>Remaining costs, stated honestly: every poll makes one {@code epoll_wait} system call, and each ready connection a
 * {@code read}; the JDK takes an uncontended internal lock per read and per select. Accepting a connection allocates
 * (the JDK's {@code SocketChannel} and {@code SelectionKey}), so connection setup is not allocation-free; closing one
 * frees its slot for reuse.
 *
 * <p>Fairness and limits: {@link #poll} decodes at most {@code limit} frames. Frames already read but beyond the limit
 * stay in their connection's buffer and are decoded first by the next poll, before any new read; a connection with
 * buffered frames is not read again until they are decoded, so a fast client cannot grow memory.
 *
 * <p>Threading: {@link #poll} and {@link #close} belong to one owning thread (the I/O kernel's dispatching worker, or
 * the host after that worker stopped). {@link #port()} and {@link #counters()} may be read from any thread.
 */
public final class TcpIngress implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Clock clock;
    private final int port;
    private final TcpIngressCounters counters = new TcpIngressCounters();

    private final Connection[] connections;
    /** Stack of free slot indexes: {@code freeSlots[0, freeCount)}. */
    private final int[] freeSlots;
    private int freeCount;
    /** Set when a decode stopped at the frame limit with complete frames still buffered somewhere. */
    private boolean backlog;

    private final Consumer<SelectionKey> onReady = this::onReady;
    private final FrameDecoder.FrameHandler onFrame = this::onFrame;

    // State of the poll in progress, so the two callbacks above need no captured (allocating) lambdas.
    private RequestSink sink;
    private int frameBudget;
    private int work;
    private long receivedNanos;

    private TcpIngress(ServerSocketChannel server, Selector selector, Clock clock, int port, TcpIngressConfig config) {
        this.server = server;
        this.selector = selector;
        this.clock = clock;
        this.port = port;
        this.connections = new Connection[config.maxConnections()];
        this.freeSlots = new int[config.maxConnections()];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new Connection(i, new FrameDecoder(config.maxFrameLength(), config.readBufferBytes()));
            freeSlots[i] = connections.length - 1 - i;
        }
        this.freeCount = connections.length;
    }

    /** Binds and listens as configured. Not for the hot path: allocates every connection slot and its buffer. */
    public static TcpIngress open(TcpIngressConfig config, Clock clock) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(config.bindAddress(), config.port()), config.maxConnections());
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            return new TcpIngress(server, selector, clock, port, config);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /**
     * Owner thread. Decodes frames already buffered from earlier polls, then accepts waiting connections and reads
     * every ready connection once, never blocking, handing at most {@code limit} frames to {@code sink} in all. Each
     * frame is counted as accepted or (if the sink refuses) dropped.
     *
     * @return the work done: frames decoded plus connections accepted, rejected or closed (0 when idle)
     * @throws UncheckedIOException if the selector or the listening socket fails (a failing connection is closed and
     *                              counted instead)
     */
    public int poll(RequestSink sink, int limit) {
        this.sink = sink;
        this.frameBudget = limit;
        this.work = 0;
        try {
            if (backlog) {
                drainBacklog();
            }
            if (frameBudget > 0) {
                selector.selectNow(onReady);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("TCP ingress on port " + port + " failed", e);
        } finally {
            this.sink = null;
        }
        return work;
    }

    private void drainBacklog() {
        backlog = false;
        for (Connection connection : connections) {
            if (frameBudget <= 0) {
                backlog = true;
                return;
            }
            if (connection.channel != null && connection.decoder.hasCompleteFrame()) {
                decode(connection);
            }
        }
    }

    private void onReady(SelectionKey key) {
        if (!key.isValid() || frameBudget <= 0) {
            return; // level-triggered: a ready key skipped now is reported again by the next poll
        }
        if (key.isAcceptable()) {
            acceptAll();
        } else if (key.isReadable()) {
            read((Connection) key.attachment());
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                throw new UncheckedIOException("accept failed on port " + port, e);
            }
            if (channel == null) {
                return;
            }
            work++;
            if (freeCount == 0) {
                counters.connectionsRejected.increment();
                closeQuietly(channel);
                continue;
            }
            Connection connection = connections[freeSlots[--freeCount]];
            try {
                channel.configureBlocking(false);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                connection.channel = channel;
            } catch (IOException e) {
                freeCount++;
                counters.connectionsRejected.increment();
                closeQuietly(channel);
                continue;
            }
            counters.connectionsAccepted.increment();
        }
    }

    private void read(Connection connection) {
        if (connection.decoder.hasCompleteFrame()) {
            decode(connection); // frames held back by an earlier limit come before new bytes
            return;
        }
        int bytes;
        try {
            bytes = connection.decoder.readFrom(connection.channel);
        } catch (IOException e) {
            closeConnection(connection); // reset by the peer, or similar: the connection is gone
            return;
        }
        if (bytes < 0) {
            closeConnection(connection);
            return;
        }
        counters.bytesRead.add(bytes);
        connection.lastReadNanos = clock.nanoTime();
        decode(connection);
    }

    private void decode(Connection connection) {
        receivedNanos = connection.lastReadNanos;
        int frames = connection.decoder.decode(onFrame, frameBudget);
        frameBudget -= frames;
        work += frames;
        if (connection.decoder.failed()) {
            counters.protocolErrors.increment();
            closeConnection(connection);
        } else if (connection.decoder.hasCompleteFrame()) {
            backlog = true;
        }
    }

    private void onFrame(long requestId, int payloadLength, long payloadHead) {
        counters.framesReceived.increment();
        if (sink.offer(requestId, receivedNanos, payloadLength, payloadHead)) {
            counters.framesAccepted.increment();
        } else {
            counters.framesDropped.increment();
        }
    }

    /** Ends a connection: counts a partial frame left behind as a protocol error, and frees the slot. */
    private void closeConnection(Connection connection) {
        FrameDecoder decoder = connection.decoder;
        if (!decoder.failed() && decoder.pendingBytes() > 0) {
            counters.protocolErrors.increment(); // the peer stopped inside a frame
        }
        release(connection);
        counters.connectionsClosed.increment();
        work++;
    }

    private void release(Connection connection) {
        connection.key.cancel();
        closeQuietly(connection.channel);
        connection.channel = null;
        connection.key = null;
        connection.decoder.reset();
        freeSlots[freeCount++] = connection.slot;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the descriptor is released either way
        }
    }

    /** Any thread: the bound port (the real one when configured with 0). */
    public int port() {
        return port;
    }

    /** Owner thread: connections currently in service. */
    public int openConnections() {
        return connections.length - freeCount;
    }

    /** Any thread. */
    public TcpIngressCounters counters() {
        return counters;
    }

    /**
     * Owner thread. Closes every connection (without counting them as closed or their partial frames as errors: the
     * ingress, not the peer, ended them), the listening socket and the selector, which releases the port. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!selector.isOpen()) {
            return;
        }
        for (Connection connection : connections) {
            if (connection.channel != null) {
                release(connection);
            }
        }
        try {
            server.close();
        } finally {
            selector.close();
        }
    }

    /** One connection slot; reused for the life of the ingress. Touched only by the owning thread. */
    private static final class Connection {
        final int slot;
        final FrameDecoder decoder;
        SocketChannel channel;
        SelectionKey key;
        long lastReadNanos;

        Connection(int slot, FrameDecoder decoder) {
            this.slot = slot;
            this.decoder = decoder;
        }
    }
}
