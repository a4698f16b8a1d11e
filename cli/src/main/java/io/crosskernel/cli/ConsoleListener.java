package io.crosskernel.cli;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.host.BootSummary;
import io.crosskernel.hypervisor.host.Progress;
import io.crosskernel.hypervisor.host.RunListener;
import java.io.PrintWriter;

/** Prints one plain line per second of progress, and events as they happen. Host thread only. */
final class ConsoleListener implements RunListener {
    private final PrintWriter out;
    private long lastFinished;
    private long lastElapsed;

    ConsoleListener(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onStarted(BootSummary boot) {
        out.println("booted in " + Units.formatNanos(boot.bootNanos()) + ":");
        for (String worker : boot.workers()) {
            out.println("  " + worker);
        }
        for (String announcement : boot.announcements()) {
            out.println("  " + announcement);
        }
        out.flush();
    }

    @Override
    public void onProgress(Progress progress) {
        long dt = progress.elapsedNanos() - lastElapsed;
        double rate = dt <= 0 ? 0 : (progress.finished() - lastFinished) * 1e9 / dt;
        lastFinished = progress.finished();
        lastElapsed = progress.elapsedNanos();
        int percent = (int) Math.min(100, progress.elapsedNanos() * 100 / Math.max(1, progress.totalNanos()));
        out.printf("[%7s / %-7s] %3d%% %s  %s requests done (%s), %d waiting in channels%n",
                Units.formatNanos(progress.elapsedNanos()), Units.formatNanos(progress.totalNanos()), percent,
                progress.draining() ? "draining" : "running ", progress.finished(), Units.formatRate(rate),
                progress.channelDepth());
        out.flush();
    }

    @Override
    public void onEvent(String message) {
        out.println("-- " + message);
        out.flush();
    }
}
