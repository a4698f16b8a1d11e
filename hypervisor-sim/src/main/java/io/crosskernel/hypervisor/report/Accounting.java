package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * The run's verdict on message accounting.
 *
 * @param balanced         every channel and every workload adds up, and nothing is left in flight
 * @param drained          every request finished (completed, failed or dropped) before the drain timeout
 * @param requestsInFlight requests neither completed, failed nor dropped when the run ended
 * @param problems         one line per identity that does not hold
 */
public record Accounting(boolean balanced, boolean drained, long requestsInFlight, List<String> problems) {
}
