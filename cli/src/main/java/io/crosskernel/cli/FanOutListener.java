package io.crosskernel.cli;

import io.crosskernel.hypervisor.host.BootSummary;
import io.crosskernel.hypervisor.host.Progress;
import io.crosskernel.hypervisor.host.RunListener;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.RunRecordings;
import java.util.List;

/**
 * Hands every call to several listeners, in the order given (so a listener that publishes a sample can come before one
 * that prints it). Host thread only, like the listeners it calls.
 */
final class FanOutListener implements RunListener {
    private final List<RunListener> listeners;

    private FanOutListener(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static RunListener of(List<RunListener> listeners) {
        return listeners.isEmpty() ? RunListener.NONE
                : listeners.size() == 1 ? listeners.get(0) : new FanOutListener(listeners);
    }

    @Override
    public void onStarted(BootSummary boot) {
        listeners.forEach(l -> l.onStarted(boot));
    }

    @Override
    public void onProgress(Progress progress) {
        listeners.forEach(l -> l.onProgress(progress));
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
