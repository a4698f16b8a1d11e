package io.crosskernel.kernels.io;

import io.crosskernel.api.Clock;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.metrics.SingleWriterCounter;
import io.crosskernel.api.metrics.WorkerMetrics;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.kernels.common.DispatcherCore;
import io.crosskernel.kernels.common.InboundDrainer;
import io.crosskernel.kernels.common.Job;
import io.crosskernel.kernels.common.JobPool;
import io.crosskernel.kernels.common.JobQueue;
import io.crosskernel.kernels.common.JobSink;
import io.crosskernel.kernels.common.LocalStages;
import io.crosskernel.kernels.common.SourcePoller;
import io.crosskernel.kernels.common.StageForwarder;
import io.crosskernel.kernels.common.StageIntake;
import io.crosskernel.kernels.common.SyntheticTask;
import io.crosskernel.kernels.common.TaskFailurePolicy;
import io.crosskernel.kernels.common.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The I/O kernel: where requests enter from the network. It owns a non-blocking UDP and/or TCP listener on a
 * loopback address (one per {@code ingress:} workload whose first stage runs here), turns every datagram or frame
 * into a request of that workload, runs its first stage and hands it on to the next kernel. It also serves synthetic
 * sources and inbound messages like the general kernel does, in arrival order (FIFO, run to completion).
 *
 * <p>One duty cycle, all on worker 0: offer requests held by full channels again; drain inbound channels; while
 * sources are open, read up to {@code batch} datagrams and {@code batch} frames into each listener's
 * {@link RequestRing} (counted as generated the moment they are read, see {@link IngressLane}); move up to
 * {@code batch} requests from the rings into pooled jobs (origin = arrival = receive time; a ring keeps what the job
 * pool cannot take, which is the burst absorption); release due synthetic arrivals; run up to {@code batch} queued
 * tasks (a busy spin of the stage cost) on the shared {@link DispatcherCore} and forward each with
 * {@link StageForwarder}. Every job, from a socket, a source or a channel, enters through the shared
 * {@link StageIntake} (its stage's group, fault injection, or dropped as misrouted).
 *
 * <p>Request ids of ingress requests are {@code (routeId << 40) | sequence}, unique in the run; the client's 8-byte
 * id goes into {@link Job#traceId} and the first eight payload bytes into {@link Job#payload}.
 *
 * <p>Sockets are read only while {@link KernelContext#sourcesOpen()}: datagrams sent before the run starts wait in
 * the socket buffer and are read at the start; those still unread when the host closes the sources are never counted
 * (as if sent to a closed port), and requests already in a ring are drained like any other in-flight work.
 *
 * <p>Threading: exactly one worker (the factory refuses more than one core): {@link #onBoot} and
 * {@link #onShutdown} on the host thread, {@link #doWork(int)} on the worker thread. The counters behind
 * {@link #stats()} and {@link #udpCounters()}/{@link #tcpCounters()} may be read from any thread. The steady state
 * allocates nothing beyond what the JDK's socket calls do (see docs/KERNELS.md), takes no lock of ours and never
 * blocks.
 */
public final class IoKernel implements Kernel {
    private static final int SEQUENCE_BITS = 40;

    private final IoSettings settings;
    private final SingleWriterCounter jobsInFlight = new SingleWriterCounter();

    private KernelContext context;
    private Clock clock;
    private WorkerMetrics metrics;
    private JobPool pool;
    private JobQueue runQueue;
    private StageForwarder forwarder;
    private SourcePoller sources;
    private InboundDrainer inbound;
    private RingToJobs ringToJobs;
    private LocalStages stages;
    private StageIntake intake;
    private DispatcherCore core;
    private long[] nextSequence;

    private UdpIngress udp;
    private TcpIngress tcp;
    private IngressLane udpLane;
    private IngressLane tcpLane;
    private boolean udpFirst;

    public IoKernel(IoSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onBoot(KernelContext context) {
        if (context.workerCount() != 1) {
            throw new IllegalArgumentException("io kernel '" + context.kernelName()
                    + "' runs one worker (it owns the sockets): give it exactly one core, got " + context.cores());
        }
        this.context = context;
        this.clock = context.clock();
        this.metrics = context.metrics(0);
        this.stages = new LocalStages(context.kernelId(), context.routes());
        this.nextSequence = new long[context.routes().size()];
        this.pool = new JobPool(settings.queueDepth());
        this.runQueue = new JobQueue();
        this.intake = new StageIntake(context, metrics, pool, stages);
        JobSink dispatcher = new Dispatcher();
        this.forwarder = new StageForwarder(context, 0, pool, dispatcher);
        this.core = new DispatcherCore(context, 0, new Spin(), forwarder.afterTaskSink(),
                TaskFailurePolicy.standard(context, 0), stages);
        this.sources = new SourcePoller(context, 0, pool, dispatcher);
        this.inbound = new InboundDrainer(context, 0, pool, dispatcher);
        this.ringToJobs = new RingToJobs(dispatcher);
        try {
            openListeners();
        } catch (IOException | RuntimeException e) {
            closeListeners();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("io kernel '" + context.kernelName() + "' could not open its"
                        + " listeners on " + settings.bind().getHostAddress() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private void openListeners() throws IOException {
        for (Source source : context.sources()) {
            if (!(source.schedule() instanceof ExternalArrivals external)) {
                continue;
            }
            Route route = source.route();
            boolean isUdp = external.protocol().equals("udp");
            if ((isUdp ? udpLane : tcpLane) != null) {
                throw new IllegalArgumentException("io kernel '" + context.kernelName() + "' has two "
                        + external.protocol() + " ingress workloads: '" + (isUdp ? udpLane : tcpLane).workload
                        + "' and '" + route.name() + "'");
            }
            IngressLane lane = new IngressLane(route.id(), route.name(), settings.ring(), metrics,
                    context.ingressJournal());
            int port;
            if (isUdp) {
                udpLane = lane;
                udp = UdpIngress.open(settings.udpConfig(), clock);
                port = udp.port();
            } else {
                tcpLane = lane;
                tcp = TcpIngress.open(settings.tcpConfig(), clock);
                port = tcp.port();
            }
            context.announce(external.protocol() + " " + settings.bind().getHostAddress() + ":" + port
                    + " -> workload '" + route.name() + "'");
        }
    }

    @Override
    public int doWork(int worker) {
        if (worker != 0) {
            return 0; // never called: the factory admits one core only
        }
        int work = forwarder.retryHeld(clock.nanoTime());
        work += inbound.drain(settings.batch());
        if (context.sourcesOpen()) {
            work += pollSockets();
        }
        work += drainRings();
        work += sources.poll(clock.nanoTime(), settings.batch());
        work += core.runTasks(runQueue, settings.batch());
        jobsInFlight.set(pool.inUse());
        return work;
    }

    private int pollSockets() {
        int work = 0;
        if (udp != null) {
            work += udp.poll(udpLane, settings.batch());
            udpLane.countUnreadable(udp.counters().malformed());
        }
        if (tcp != null) {
            work += tcp.poll(tcpLane, settings.batch());
            tcpLane.countUnreadable(tcp.counters().protocolErrors());
        }
        return work;
    }

    /** Moves ring requests into jobs, alternating which listener goes first so neither starves the other. */
    private int drainRings() {
        IngressLane first = udpFirst ? udpLane : tcpLane;
        IngressLane second = udpFirst ? tcpLane : udpLane;
        udpFirst = !udpFirst;
        int moved = 0;
        if (first != null && first.ring.size() > 0) {
            moved += ringToJobs.drain(first, settings.batch());
        }
        if (second != null && second.ring.size() > 0 && moved < settings.batch()) {
            moved += ringToJobs.drain(second, settings.batch() - moved);
        }
        return moved;
    }

    /** One task: a busy spin of the stage's cost (the io kernel admits only {@code spin} stages). */
    private final class Spin implements TaskRunner {
        @Override
        public void run(Job job, int group, long startNanos) {
            SyntheticTask.run(clock, metrics.hiccups, startNanos, stages.costNanos(group), job.faultInjected);
        }
    }

    /** Requests this kernel holds in jobs (queued or held for retry), as last published by the worker. Any thread. */
    public long jobsInFlight() {
        return jobsInFlight.get();
    }

    /** The UDP listener's counters, or {@code null} without a UDP ingress workload. Any thread after boot. */
    public UdpIngressCounters udpCounters() {
        return udp == null ? null : udp.counters();
    }

    /** The TCP listener's counters, or {@code null} without a TCP ingress workload. Any thread after boot. */
    public TcpIngressCounters tcpCounters() {
        return tcp == null ? null : tcp.counters();
    }

    /** The bound UDP port, or -1 without a UDP ingress workload. Any thread after boot. */
    public int udpPort() {
        return udp == null ? -1 : udp.port();
    }

    /** The bound TCP port, or -1 without a TCP ingress workload. Any thread after boot. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.port();
    }

    /**
     * Per listener that exists ({@code udp}, {@code tcp}): its bound port, what it read and what became of it, and
     * its ring's drops and high-water mark. Empty without an ingress workload. Host thread, after the worker stopped.
     */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        if (udp != null) {
            UdpIngressCounters c = udp.counters();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("port", udp.port());
            figures.put("datagrams", c.datagramsReceived());
            figures.put("accepted", c.accepted());
            figures.put("dropped", c.dropped());
            figures.put("malformed", c.malformed());
            figures.put("receivedBytes", c.bytesReceived());
            figures.put("ringDrops", udpLane.ring.rejected());
            figures.put("ringHighWater", udpLane.ring.highWaterMark());
            stats.put("udp", figures);
        }
        if (tcp != null) {
            TcpIngressCounters c = tcp.counters();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("port", tcp.port());
            figures.put("connections", c.connectionsAccepted());
            figures.put("connectionsRejected", c.connectionsRejected());
            figures.put("connectionsClosed", c.connectionsClosed());
            figures.put("frames", c.framesReceived());
            figures.put("framesAccepted", c.framesAccepted());
            figures.put("framesDropped", c.framesDropped());
            figures.put("protocolErrors", c.protocolErrors());
            figures.put("readBytes", c.bytesRead());
            figures.put("ringDrops", tcpLane.ring.rejected());
            figures.put("ringHighWater", tcpLane.ring.highWaterMark());
            stats.put("tcp", figures);
        }
        return stats;
    }

    @Override
    public void onShutdown() {
        closeListeners();
    }

    private void closeListeners() {
        try {
            if (udp != null) {
                udp.close();
            }
        } catch (IOException ignored) {
            // best effort: the descriptor is released either way
        }
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // best effort: the descriptor is released either way
        }
    }

    /** Worker 0: turns ring requests into jobs of the lane's route while the pool has jobs to spare. */
    private final class RingToJobs implements RequestSink {
        private final JobSink dispatcher;
        private int routeId;

        RingToJobs(JobSink dispatcher) {
            this.dispatcher = dispatcher;
        }

        int drain(IngressLane lane, int limit) {
            routeId = lane.routeId;
            return lane.ring.drainTo(this, limit);
        }

        @Override
        public boolean offer(long clientRequestId, long receivedNanos, int payloadLength, long payloadHead) {
            Job job = pool.acquire();
            if (job == null) {
                return false; // stays in the ring: the ring absorbs what the pipeline cannot take yet
            }
            job.requestId = ((long) routeId << SEQUENCE_BITS) | nextSequence[routeId]++;
            job.traceId = clientRequestId;
            job.routeId = routeId;
            job.stage = 0;
            job.originNanos = receivedNanos;
            job.arrivalNanos = receivedNanos;
            job.payload = payloadHead;
            dispatcher.accept(job);
            return true;
        }
    }

    /** Worker 0: queues a job whose next stage runs here (FIFO), after the shared intake. */
    private final class Dispatcher implements JobSink {
        @Override
        public void accept(Job job) {
            if (intake.admit(job)) {
                runQueue.add(job);
            }
        }
    }
}
