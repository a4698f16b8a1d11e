package io.crosskernel.hypervisor.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulated run gives its {@code ingress:} workloads, which a real run feeds from the io kernel's sockets: the
 * arrivals a journaled real run recorded ({@code xk run --sim --sim-ingress JOURNAL_DIR}), by workload name, or none.
 * A simulated run opens no socket (docs/SIMULATION.md, "The io kernel").
 *
 * <p>Immutable after construction; the host thread.
 */
public final class IngressArrivals {
    /** No journal: every ingress workload receives nothing. */
    public static final IngressArrivals NONE = new IngressArrivals(null, Map.of());

    private final String journal;
    private final Map<String, long[]> byWorkload;

    /**
     * @param journal    the journal directory the arrivals come from, or null for none
     * @param byWorkload per workload name, its recorded arrival offsets from the run's start, in order
     */
    public IngressArrivals(String journal, Map<String, long[]> byWorkload) {
        this.journal = journal;
        this.byWorkload = new LinkedHashMap<>(byWorkload);
    }

    /** The journal directory, or null when there is none. */
    public String journal() {
        return journal;
    }

    /** A fresh schedule of {@code workload}'s recorded arrivals; releases nothing when none were recorded. */
    public RecordedArrivals scheduleFor(String workload) {
        long[] offsets = byWorkload.getOrDefault(workload, new long[0]);
        return new RecordedArrivals(offsets, journal == null ? "no arrivals (no socket in simulation)"
                : offsets.length + " arrivals replayed from journal " + journal);
    }

    /**
     * What {@code workload}, an ingress workload of {@code protocol}, receives in this simulated run instead of its
     * socket's traffic: one line for the report.
     */
    public String describe(String workload, String protocol) {
        if (journal == null) {
            return "workload '" + workload + "' (" + protocol + " ingress) receives nothing: a simulated run opens "
                    + "no socket; give --sim-ingress a journal of a real run to replay its arrivals";
        }
        return "workload '" + workload + "' (" + protocol + " ingress) replays the " + scheduleFor(workload).size()
                + " arrivals recorded in journal " + journal + " instead of reading its socket";
    }
}
