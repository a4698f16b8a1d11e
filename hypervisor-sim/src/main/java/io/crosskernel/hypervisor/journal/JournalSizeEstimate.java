package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.api.disk.ChronicleFootprint;
import io.crosskernel.api.disk.CycleFileSpace;
import java.nio.charset.StandardCharsets;

/**
 * About how many bytes {@code xk run --journal} will write for a scenario, estimated before the run to compare with
 * the free space:
 * <ul>
 *   <li>each queue (the host's and one per kernel): {@link ChronicleFootprint#QUEUE_BYTES}; the host's header entry
 *       also holds the scenario's text and a few KiB of plan and topology;</li>
 *   <li>each request of each workload (its source's expected arrivals over warm-up plus duration), per hop between
 *       two kernels: a SEND and a RECEIVE entry of {@link JournalLayout#MESSAGE_LENGTH} bytes;</li>
 *   <li>per {@code put} or {@code delete} stage: a {@link JournalLayout#STORE_LENGTH}-byte entry, plus the value's
 *       bytes under {@code --journal-payload full};</li>
 *   <li>each entry also costs {@link ChronicleFootprint#DOCUMENT_OVERHEAD_BYTES};</li>
 *   <li>each queue's entries take whole steps of {@link AppendingQueue#STEP} bytes on disk, allocated ahead of them
 *       (see {@link AppendingQueue}), so the entries are counted per queue and rounded up
 *       ({@link CycleFileSpace#allocatedBytes(long, int)}).</li>
 * </ul>
 * Requests from sockets, re-offers under backpressure and lifecycle entries are not counted: at the rates a journaled
 * run uses they are a small share.
 *
 * <p>Stateless.
 */
public final class JournalSizeEstimate {
    /** The header's plan, topology and JVM strings, and the lifecycle, final-state and end entries. */
    static final long HOST_FIXED_BYTES = 8 * 1024;

    private JournalSizeEstimate() {
    }

    /** The estimate for {@code scenario} journaled with {@code mode}, in bytes. */
    public static long bytes(Scenario scenario, PayloadMode mode) {
        long runNanos = scenario.warmupNanos() + scenario.durationNanos();
        String text = scenario.sourceText() == null ? "" : scenario.sourceText();
        long hostEntries = HOST_FIXED_BYTES + text.getBytes(StandardCharsets.UTF_8).length;
        long[] kernelEntries = new long[scenario.kernels().size()];
        for (WorkloadDecl workload : scenario.workloads()) {
            long requests = workload.schedule().expectedArrivals(runNanos);
            long[] perRequest = perRequestBytesPerKernel(workload.route(), mode, kernelEntries.length);
            for (int k = 0; k < kernelEntries.length; k++) {
                kernelEntries[k] += requests * perRequest[k];
            }
        }
        long total = (scenario.kernels().size() + 1L) * ChronicleFootprint.QUEUE_BYTES
                + CycleFileSpace.allocatedBytes(hostEntries, AppendingQueue.STEP);
        for (long entries : kernelEntries) {
            total += CycleFileSpace.allocatedBytes(entries, AppendingQueue.STEP);
        }
        return total;
    }

    /** What one request of {@code route} adds to each kernel's queue (indexed by kernel id). */
    static long[] perRequestBytesPerKernel(Route route, PayloadMode mode, int kernels) {
        long[] bytes = new long[kernels];
        long perEntry = ChronicleFootprint.DOCUMENT_OVERHEAD_BYTES;
        for (int s = 0; s < route.stages().size(); s++) {
            Stage stage = route.stage(s);
            if (s > 0 && stage.kernelId() != route.stage(s - 1).kernelId()) {
                bytes[route.stage(s - 1).kernelId()] += JournalLayout.MESSAGE_LENGTH + perEntry; // SEND
                bytes[stage.kernelId()] += JournalLayout.MESSAGE_LENGTH + perEntry; // RECEIVE
            }
            if (stage.op() == StageOp.PUT) {
                bytes[stage.kernelId()] += JournalLayout.STORE_LENGTH + perEntry
                        + (mode == PayloadMode.FULL ? stage.sizeBytes() : 0);
            } else if (stage.op() == StageOp.DELETE) {
                bytes[stage.kernelId()] += JournalLayout.STORE_LENGTH + perEntry;
            }
        }
        return bytes;
    }

    /** What one request of {@code route} adds to the journal, all queues together. */
    static long perRequestBytes(Route route, PayloadMode mode) {
        int kernels = 0;
        for (Stage stage : route.stages()) {
            kernels = Math.max(kernels, stage.kernelId() + 1);
        }
        long total = 0;
        for (long b : perRequestBytesPerKernel(route, mode, kernels)) {
            total += b;
        }
        return total;
    }
}
