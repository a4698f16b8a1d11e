package io.crosskernel.cli;

import io.crosskernel.hypervisor.host.RunInterruption;
import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during {@code xk run}: while installed, a signal does not end the JVM but asks the run to stop
 * ({@link RunInterruption}: the first stops the sources and drains for at most 2 s, a second skips the drain), so
 * the reports are still written, marked interrupted; the command then exits 128 + the signal's number (130 for
 * SIGINT, 143 for SIGTERM), as a shell reports a process a signal ended.
 *
 * <p>Signal handlers rather than a shutdown hook: a hook runs once the JVM is already exiting, racing the host
 * thread that writes the reports. Outside the window this object is installed (loading the scenario, after the
 * reports), the previous handlers are in place and a signal ends the JVM at once, as before.
 *
 * <p>Threading: {@link #install} and {@link #close} on the command's thread; the handlers run on the JVM's signal
 * dispatch thread and only touch the thread-safe {@link RunInterruption} and a volatile field.
 */
final class InterruptSignals implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    /** The number of the first signal received, 0 while none. */
    private volatile int firstSignal;

    private InterruptSignals() {
    }

    /** Installs the handlers; each asks {@code interruption} to stop the run. */
    static InterruptSignals install(RunInterruption interruption) {
        InterruptSignals signals = new InterruptSignals();
        try {
            for (String name : SIGNALS) {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, received -> {
                    if (signals.firstSignal == 0) {
                        signals.firstSignal = received.getNumber();
                    }
                    interruption.request("SIG" + received.getName());
                }));
            }
        } catch (IllegalArgumentException e) {
            // The JVM keeps the signal for itself (-Xrs, or a platform without it): the default behaviour stays.
        }
        return signals;
    }

    /** The exit code the signal asks for (128 + its number), or -1 when no signal came. */
    int exitCode() {
        int number = firstSignal;
        return number == 0 ? -1 : 128 + number;
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
