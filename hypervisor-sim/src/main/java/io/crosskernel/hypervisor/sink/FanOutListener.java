package io.crosskernel.hypervisor.sink;

import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import java.util.List;

/** See {@link RunListener#all}. Host thread only, like the listeners it calls. */
final class FanOutListener implements RunListener {
    private final List<RunListener> listeners;

    FanOutListener(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onStarted(BootSummary boot) {
        listeners.forEach(l -> l.onStarted(boot));
    }

    @Override
    public boolean readsCumulativeLatency() {
        return listeners.stream().anyMatch(RunListener::readsCumulativeLatency);
    }

    @Override
    public void onSample(MetricsSample sample) {
        listeners.forEach(l -> l.onSample(sample));
    }

    @Override
    public void onRecordings(RunRecordings recordings) {
        listeners.forEach(l -> l.onRecordings(recordings));
    }

    @Override
    public void onEvent(String message) {
        listeners.forEach(l -> l.onEvent(message));
    }
}
