package io.crosskernel.hypervisor.journal;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import io.crosskernel.api.ChronicleFootprint;
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
 *   <li>each entry also costs {@link ChronicleFootprint#DOCUMENT_OVERHEAD_BYTES}.</li>
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
        long total = (scenario.kernels().size() + 1L) * ChronicleFootprint.QUEUE_BYTES + HOST_FIXED_BYTES
                + text.getBytes(StandardCharsets.UTF_8).length;
        for (WorkloadDecl workload : scenario.workloads()) {
            long requests = workload.schedule().expectedArrivals(runNanos);
            total += requests * perRequestBytes(workload.route(), mode);
        }
        return total;
    }

    /** What one request of {@code route} adds to the journal. */
    static long perRequestBytes(Route route, PayloadMode mode) {
        long perEntry = ChronicleFootprint.DOCUMENT_OVERHEAD_BYTES;
        long bytes = 0;
        for (int s = 0; s < route.stages().size(); s++) {
            Stage stage = route.stage(s);
            if (s > 0 && stage.kernelId() != route.stage(s - 1).kernelId()) {
                bytes += 2 * (JournalLayout.MESSAGE_LENGTH + perEntry);
            }
            if (stage.op() == StageOp.PUT) {
                bytes += JournalLayout.STORE_LENGTH + perEntry + (mode == PayloadMode.FULL ? stage.sizeBytes() : 0);
            } else if (stage.op() == StageOp.DELETE) {
                bytes += JournalLayout.STORE_LENGTH + perEntry;
            }
        }
        return bytes;
    }
}
