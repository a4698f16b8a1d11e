package io.crosskernel.cli.html;

import io.crosskernel.hypervisor.host.BootSummary;
import io.crosskernel.hypervisor.host.Progress;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import java.util.List;
import java.util.Map;

/**
 * Passes every call on to another listener and keeps the run's {@link RunRecordings} for the report writers that run
 * after the run ({@code --html-report}, {@code --hgrm}).
 *
 * <p>Threading: the host thread calls it; {@link #recordings()} is read by the same thread after {@code run} returned.
 */
public final class RecordingsKeeper implements RunListener {
    private static final RunRecordings NOTHING = new RunRecordings(List.of(), Map.of(), Map.of(), Map.of());
    private final RunListener next;
    private RunRecordings recordings;

    /** @param next the listener that also hears the run (the console output) */
    public RecordingsKeeper(RunListener next) {
        this.next = next;
    }

    /** The run's recordings, or empty ones when the run ended before the host handed them out. */
    public RunRecordings recordings() {
        return recordings == null ? NOTHING : recordings;
    }

    @Override
    public void onRecordings(RunRecordings recordings) {
        this.recordings = recordings;
        next.onRecordings(recordings);
    }

    @Override
    public void onStarted(BootSummary boot) {
        next.onStarted(boot);
    }

    @Override
    public void onProgress(Progress progress) {
        next.onProgress(progress);
    }

    @Override
    public void onSample(MetricsSample sample) {
        next.onSample(sample);
    }

    @Override
    public void onEvent(String message) {
        next.onEvent(message);
    }
}
