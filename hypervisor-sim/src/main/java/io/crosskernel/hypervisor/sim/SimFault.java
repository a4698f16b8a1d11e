package io.crosskernel.hypervisor.sim;

import io.crosskernel.api.Units;

/**
 * A fault injected into a simulated run at a virtual time (offsets from the start of the run, warm-up included),
 * written under {@code sim: {faults: [...]}} in a scenario (docs/SCENARIOS.md). Deterministic: the same scenario and
 * seed inject the same faults at the same instants.
 */
public sealed interface SimFault {
    /** When it starts, after the run's start. */
    long atNanos();

    /** One line for the report. */
    String describe();

    /** The core does nothing for {@code forNanos}: a duty cycle in progress (a job) finishes that much later. */
    record Stall(int core, long atNanos, long forNanos) implements SimFault {
        @Override
        public String describe() {
            return "stall core " + core + " at " + Units.formatNanos(atNanos) + " for " + Units.formatNanos(forNanos);
        }
    }

    /**
     * The kernel stops for good: its workers never run again. What it held (queued jobs, messages waiting for it) is
     * reported as in flight, so the accounting shows exactly what the crash took.
     */
    record Crash(int kernelId, String kernel, long atNanos) implements SimFault {
        @Override
        public String describe() {
            return "crash kernel " + kernel + " at " + Units.formatNanos(atNanos);
        }
    }

    /** Messages offered on the channel during the window take {@code byNanos} longer to arrive. */
    record Delay(int from, int to, String label, long atNanos, long forNanos, long byNanos) implements SimFault {
        @Override
        public String describe() {
            return "delay " + label + " by " + Units.formatNanos(byNanos) + " at " + Units.formatNanos(atNanos)
                    + " for " + Units.formatNanos(forNanos);
        }
    }

    /**
     * Messages offered on the channel during the window are lost on the wire: the sender is told {@code DROPPED}, the
     * channel counts them offered and rejected, the sender counts the request dropped.
     */
    record Drop(int from, int to, String label, long atNanos, long forNanos) implements SimFault {
        @Override
        public String describe() {
            return "drop on " + label + " at " + Units.formatNanos(atNanos) + " for " + Units.formatNanos(forNanos);
        }
    }
}
