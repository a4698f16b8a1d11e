package io.crosskernel.cli.html;

import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.sink.RunListener;
import java.util.List;
import java.util.Map;

/**
 * Keeps the run's {@link RunRecordings} for the report writers that run after the run ({@code --html-report},
 * {@code --hgrm}).
 *
 * <p>Threading: the host thread calls it; {@link #recordings()} is read by the same thread after {@code run} returned.
 */
public final class RecordingsKeeper implements RunListener {
    private static final RunRecordings NOTHING = new RunRecordings(List.of(), Map.of(), Map.of(), Map.of());
    private RunRecordings recordings;

    /** The run's recordings, or empty ones when the run ended before the host handed them out. */
    public RunRecordings recordings() {
        return recordings == null ? NOTHING : recordings;
    }

    @Override
    public boolean readsCumulativeLatency() {
        return false; // its timeline charts read counters; the histograms come whole with the recordings
    }

    @Override
    public void onRecordings(RunRecordings recordings) {
        this.recordings = recordings;
    }
}
