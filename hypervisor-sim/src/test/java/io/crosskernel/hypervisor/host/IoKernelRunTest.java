package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.api.workload.Source;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.report.WorkloadReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import io.crosskernel.kernels.io.IoKernel;
import io.crosskernel.kernels.io.IoKernelFactory;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The io kernel in the real host: real sockets, real worker threads, an io → general pipeline. A client on the test
 * thread reads the announced ports, sends datagrams and frames early in the run, and the report must account for every
 * one of them exactly once.
 */
@Timeout(60)
class IoKernelRunTest {
    private static final Pattern ANNOUNCED = Pattern.compile("(udp|tcp) 127\\.0\\.0\\.1:(\\d+) -> workload '(\\w+)'");
    private static final int DATAGRAMS = 2000;
    private static final int MALFORMED = 7;
    private static final int FRAMES = 1000;
    /** Far below the socket receive buffer (1 MiB requested), so the OS drops nothing between bursts. */
    private static final int BURST = 100;

    private final ExecutorService host = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        host.shutdownNow();
    }

    private static final String SCENARIO = "name: io-e2e\nduration: 3s\nseed: 3\n"
            + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 5s}\n"
            + "kernels:\n"
            + "  - {name: net, type: io, cores: [0], idle: backoff}\n"
            + "  - {name: app, type: general, cores: [1], idle: backoff}\n"
            + "channels: {capacity: 1024, backpressure: retry}\n"
            + "workload:\n"
            + "  - name: dgrams\n    ingress: {protocol: udp}\n"
            + "    stages: [{kernel: net, cost: 1us}, {kernel: app, cost: 2us}]\n"
            + "  - name: frames\n    ingress: {protocol: tcp}\n"
            + "    stages: [{kernel: net, cost: 1us}, {kernel: app, cost: 2us}]\n"
            + "  - name: ticks\n    stream: {rate: 2k/s}\n"
            + "    stages: [{kernel: net, cost: 1us}, {kernel: app, cost: 1us}]\n";

    @Test
    void accountsForEveryDatagramAndFrameAClientSends() throws Exception {
        RecordingIoFactory io = new RecordingIoFactory();
        KernelTypes types = KernelTypes.of(new GeneralKernelFactory(), io);
        Scenario scenario = new ScenarioParser(types).parse(SCENARIO, Path.of("io-e2e.yaml"));
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        CountDownLatch started = new CountDownLatch(1);
        RunListener listener = new RunListener() {
            @Override
            public void onStarted(BootSummary boot) {
                for (String line : boot.announcements()) {
                    Matcher m = ANNOUNCED.matcher(line);
                    if (m.find()) {
                        ports.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                }
                started.countDown();
            }
        };
        Future<RunReport> run = host.submit(() -> new Hypervisor(types, SystemNanoClock.INSTANCE)
                .run(scenario, PartitionPlanner.plan(scenario, CpuTopology.detect()), listener));

        assertThat(started.await(20, TimeUnit.SECONDS)).as("run started").isTrue();
        assertThat(ports).containsKeys("udp", "tcp");
        IoKernel kernel = io.created.get();

        try (DatagramChannel client = DatagramChannel.open()) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get("udp"));
            int sent = 0;
            while (sent < DATAGRAMS + MALFORMED) {
                int burstEnd = Math.min(DATAGRAMS + MALFORMED, sent + BURST);
                for (; sent < burstEnd; sent++) {
                    ByteBuffer datagram = sent < MALFORMED ? ByteBuffer.allocate(sent)
                            : ByteBuffer.allocate(12).putLong(sent).putInt(sent).flip();
                    client.send(datagram, target);
                }
                long expected = sent;
                awaitCount("datagrams read", () -> kernel.udpCounters().datagramsReceived(), expected);
            }
        }
        try (Socket a = connect(ports.get("tcp")); Socket b = connect(ports.get("tcp"))) {
            DataOutputStream outA = new DataOutputStream(a.getOutputStream());
            DataOutputStream outB = new DataOutputStream(b.getOutputStream());
            for (int i = 0; i < FRAMES; i++) {
                DataOutputStream out = i % 2 == 0 ? outA : outB;
                out.writeInt(16);
                out.writeLong(i);
                out.writeLong(-i);
                if (i % BURST == BURST - 1) {
                    long expected = i + 1;
                    outA.flush();
                    outB.flush();
                    awaitCount("frames read", () -> kernel.tcpCounters().framesReceived(), expected);
                }
            }
        }

        RunReport report = run.get(40, TimeUnit.SECONDS);
        assertThat(report.failure()).isNull();
        WorkloadReport dgrams = workload(report, "dgrams");
        WorkloadReport frames = workload(report, "frames");
        assertThat(dgrams.generated()).isEqualTo(DATAGRAMS + MALFORMED);
        assertThat(dgrams.failed()).isEqualTo(MALFORMED);
        assertThat(dgrams.completed() + dgrams.failed() + dgrams.dropped()).isEqualTo(dgrams.generated());
        assertThat(frames.generated()).isEqualTo(FRAMES);
        assertThat(frames.completed() + frames.failed() + frames.dropped()).isEqualTo(frames.generated());
        assertThat(frames.failed()).isZero();
        assertThat(workload(report, "ticks").completed()).isPositive();
        assertThat(report.accounting().balanced()).isTrue();
        assertThat(report.accounting().drained()).isTrue();
        KernelReport net = report.kernels().stream().filter(k -> k.name().equals("net")).findFirst().orElseThrow();
        assertThat(net.details().get("udp")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("datagrams", (long) (DATAGRAMS + MALFORMED))
                .containsEntry("malformed", (long) MALFORMED).containsEntry("port", (long) ports.get("udp"));
        assertThat(net.details().get("tcp")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("frames", (long) FRAMES).containsEntry("framesAccepted", (long) FRAMES)
                .containsEntry("connections", 2L).containsEntry("port", (long) ports.get("tcp"));
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /** Waits, yielding, until the kernel has counted {@code expected}; never a sleep as synchronisation. */
    private static void awaitCount(String what, LongSupplier count, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count.getAsLong() < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what + ": " + count.getAsLong() + " of "
                        + expected);
            }
            Thread.yield();
        }
    }

    private static WorkloadReport workload(RunReport report, String name) {
        return report.workloads().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** The real io factory, remembering the kernel it created so the test can watch its counters. */
    private static final class RecordingIoFactory implements KernelFactory {
        private final IoKernelFactory delegate = new IoKernelFactory();
        final AtomicReference<IoKernel> created = new AtomicReference<>();

        @Override
        public String type() {
            return delegate.type();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public Set<String> settingKeys() {
            return delegate.settingKeys();
        }

        @Override
        public void validate(KernelSpec spec) {
            delegate.validate(spec);
        }

        @Override
        public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
            delegate.admit(spec, kernelId, sources);
        }

        @Override
        public Kernel create(KernelSpec spec) {
            IoKernel kernel = (IoKernel) delegate.create(spec);
            created.set(kernel);
            return kernel;
        }
    }
}
