package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.Clock;
import io.crosskernel.api.InboundChannel;
import io.crosskernel.api.OutboundChannel;
import io.crosskernel.hypervisor.channel.LinkSpec;
import io.crosskernel.hypervisor.partition.PartitionPlan;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.sink.BootSummary;
import io.crosskernel.hypervisor.sink.RunListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of one run: the host's queue and one queue per kernel under a directory. The host calls
 * {@link #begin}, then {@link #kernel} for each kernel it boots, wraps its channels with {@link #outbound} and
 * {@link #inbound}, calls {@link #onRunStart} when the sources open, and {@link #finish} (or {@link #abort}) at the
 * end, which also closes every queue.
 *
 * <p>Threading: every method runs on the host thread. The {@link KernelJournalWriter}s it hands out are then written
 * by their kernels' dispatching workers only.
 *
 * <p>Ownership: owns every writer it created and closes them in {@link #finish}, {@link #abort} or {@link #close}.
 */
public final class RunJournal implements AutoCloseable {
    private final Path directory;
    private final PayloadMode mode;
    private final Clock clock;
    private final JournalFailure failure = new JournalFailure();
    private final HostJournalWriter host;
    private final List<KernelJournalWriter> kernels = new ArrayList<>();
    private boolean closed;

    private RunJournal(Path directory, PayloadMode mode, Clock clock) {
        this.directory = directory;
        this.mode = mode;
        this.clock = clock;
        this.host = new HostJournalWriter(JournalQueues.hostDir(directory), failure);
    }

    /**
     * Creates a journal in {@code directory}, which must not exist yet or be empty: one directory holds one run.
     *
     * @throws IllegalArgumentException when {@code directory} is a file or already holds something
     * @throws JournalFailedException   when its file system has no room for the host's queue
     */
    public static RunJournal create(Path directory, PayloadMode mode, Clock clock) {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("journal directory " + directory + " is a file");
            }
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("journal directory " + directory
                            + " is not empty: one directory holds one run's journal; give a new or empty one");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read journal directory " + directory, e);
            }
        }
        return new RunJournal(directory, mode, clock);
    }

    public Path directory() {
        return directory;
    }

    public PayloadMode mode() {
        return mode;
    }

    /**
     * The journal's failure, if one of its writers failed (its disk filled): journaling stopped then, and the run
     * should stop with {@link JournalFailure#message()}; see {@link JournalFailure#stopRunWith}.
     */
    public JournalFailure failure() {
        return failure;
    }

    /**
     * Creates every kernel's queue (so that a disk too full for one fails the run before any kernel boots) and writes
     * the HEADER entry.
     *
     * @throws JournalFailedException when the file system has no room for a kernel's queue
     */
    public void begin(Scenario scenario, PartitionPlan plan) {
        for (KernelDecl decl : scenario.kernels()) {
            kernels.add(new KernelJournalWriter(JournalQueues.kernelDir(directory, decl.name()), decl.id(),
                    decl.name(), mode, clock, failure));
        }
        List<JournalHeader.KernelInfo> kernelInfos = new ArrayList<>();
        for (KernelDecl decl : scenario.kernels()) {
            kernelInfos.add(new JournalHeader.KernelInfo(decl.id(), decl.name(), decl.type()));
        }
        List<JournalHeader.ChannelInfo> channelInfos = new ArrayList<>();
        for (LinkSpec link : scenario.links()) {
            channelInfos.add(new JournalHeader.ChannelInfo(link.fromKernel(), link.toKernel(), link.capacity(),
                    link.policy().alias()));
        }
        String text = scenario.sourceText() == null ? "" : scenario.sourceText();
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vm.vendor") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs";
        host.header(new JournalHeader(JournalLayout.FORMAT_VERSION, mode, clock.nanoTime(), scenario.seed(),
                scenario.name(), text, Digests.sha256(text), plan.render(), plan.topology().render(), jvm,
                kernelInfos, channelInfos));
    }

    /** The writer of kernel {@code kernelId}'s queue (created by {@link #begin}). */
    public KernelJournalWriter kernel(int kernelId, String kernelName) {
        for (KernelJournalWriter writer : kernels) {
            if (writer.kernelId() == kernelId) {
                return writer;
            }
        }
        throw new IllegalStateException("kernel " + kernelName + " (#" + kernelId + ") is not in the journal's scenario");
    }

    /** {@code channel} journaling its offers into {@code writer}, or null when {@code channel} is null. */
    public OutboundChannel outbound(OutboundChannel channel, KernelJournalWriter writer) {
        return channel == null ? null : new JournalingOutboundChannel(channel, writer, clock);
    }

    /** {@code channel} journaling what it delivers into {@code writer}. */
    public InboundChannel inbound(InboundChannel channel, KernelJournalWriter writer) {
        return new JournalingInboundChannel(channel, writer, clock);
    }

    /** A listener that journals boot and the host's events (the host hands it every call with its others). */
    public RunListener listener() {
        return new RunListener() {
            @Override
            public boolean readsCumulativeLatency() {
                return false; // journals no sample
            }

            @Override
            public void onStarted(BootSummary boot) {
                List<String> lines = new ArrayList<>(boot.workers());
                lines.addAll(boot.announcements());
                host.lifecycle(LifecycleKind.BOOT, -1, clock.nanoTime(), String.join("\n", lines));
            }

            @Override
            public void onEvent(String message) {
                LifecycleKind kind = message.startsWith("stall") ? LifecycleKind.STALL : LifecycleKind.EVENT;
                host.lifecycle(kind, -1, clock.nanoTime(), message);
            }
        };
    }

    /** The sources open at {@code startNanos}: the run's time zero. */
    public void onRunStart(long startNanos) {
        host.lifecycle(LifecycleKind.START, -1, startNanos, "");
    }

    /**
     * After the workers stopped and the report is built: the run went through to its end ({@link JournalEnd#COMPLETED},
     * with the report's failure if it failed). See {@link #finish(RunReport, JournalEnd, String)}.
     */
    public void finish(RunReport report) {
        finish(report, JournalEnd.COMPLETED, report.failure());
    }

    /**
     * After the workers stopped and the report is built: journals the errors and the stop, closes the kernels'
     * queues, writes the final state (unless the journal itself failed: its queues are incomplete, so no replay could
     * match it) and the END entry with {@code end} and {@code detail}, and closes the host's queue. When the journal
     * failed (its disk filled), the END entry is {@link JournalEnd#FAILED} with the journal's failure, whatever
     * {@code end} says: that is why the journal ends where it does.
     *
     * @param detail the signal's name ({@code SIGINT}), the run's failure, or null
     */
    public void finish(RunReport report, JournalEnd end, String detail) {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        for (String error : report.errorSamples()) {
            host.lifecycle(LifecycleKind.ERROR, -1, now, error);
        }
        host.lifecycle(LifecycleKind.STOP, -1, now, report.failure() == null ? "" : report.failure());
        closeKernels();
        if (failure.message() == null) {
            StateFigures figures = StateFigures.of(report);
            host.finalState(now, figures.sha256(), figures.canonicalText());
        }
        writeEnd(now, end, detail);
        close();
    }

    /** The run could not complete (a kernel failed to boot...): records why, then closes everything. */
    public void abort(Throwable error) {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        host.lifecycle(LifecycleKind.ERROR, -1, now, String.valueOf(error.getMessage()));
        closeKernels();
        writeEnd(now, JournalEnd.FAILED, "the run did not complete: " + error.getMessage());
        close();
    }

    private void writeEnd(long now, JournalEnd end, String detail) {
        String journalFailure = failure.message();
        if (journalFailure != null) {
            host.end(now, JournalEnd.FAILED, journalFailure);
        } else {
            host.end(now, end, detail);
        }
    }

    private void closeKernels() {
        for (KernelJournalWriter writer : kernels) {
            writer.close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeKernels();
        host.close();
    }
}
