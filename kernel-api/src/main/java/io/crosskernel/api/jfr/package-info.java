/**
 * JDK Flight Recorder events for the moments a crosskernel run goes wrong or changes state: a kernel booting or
 * stopping, a deadline missed, a budget overrun, a channel refusing messages, a worker stalling.
 *
 * <p>They are recorded together with the JVM's own events (GC pauses, safepoints) so a lateness spike can be lined
 * up with its cause in JDK Mission Control. {@code xk run --jfr FILE} records them; any other recording that enables
 * the {@code crosskernel.*} events (for example {@code -XX:StartFlightRecording} with a custom .jfc) does too.
 *
 * <p>Cost: each event class has static helpers that first ask whether the event is enabled, a read of JFR's static
 * state. When no recording enables it that check is all an emit site costs: nothing is allocated, no string is built
 * and nothing is logged. Only when the event is enabled is an event object allocated, filled with strings the caller
 * already holds, and committed to the thread's JFR buffer. None of the events captures a stack trace. These are
 * exceptional paths (a miss, an overrun, a refusal), never the per-message path.
 */
package io.crosskernel.api.jfr;
