package io.crosskernel.hypervisor.report;

import java.util.List;

/**
 * How a simulated run was simulated (the report's {@code simulation} object; null for a real run). Everything in it
 * is a function of the scenario, the seed and the input files, so two runs of the same inputs print the same report.
 *
 * @param mode            always {@code simulated}
 * @param seed            the seed of the simulation's own draws (and of the scenario's arrivals)
 * @param calibration     the calibration file, or a note on the defaults used
 * @param hopLatency      the hop latency distribution used
 * @param dutyCycleNanos  the virtual cost of a duty cycle that did work
 * @param perWorkNanos    the virtual cost of each unit of work a duty cycle reported
 * @param idleWakeUp      what the idle strategies' wake-up latency was modelled with (spin, yield, park overshoot)
 * @param workCosts       what the kernels' real work was charged, one line per {@code TYPE.NAME} the run's kernel
 *                        types model, sorted
 * @param noise           the noise file, or null for quiet cores
 * @param faults          the injected faults, one line each, by time
 * @param events          duty cycles the engine ran
 * @param hiccups         hiccups of the noise model that hit a core
 * @param lostNanos       virtual time cores waited for hiccups and stalls to end while they had work to run
 * @param droppedByFaults messages lost to drop faults (also counted rejected by their channels)
 * @param crashedKernels  kernels a crash fault stopped
 * @param omitted         what a simulated report leaves out or fixes so that it is reproducible, and per
 *                        {@code ingress:} workload (a line starting with {@link #INGRESS}) what it receives in place
 *                        of its socket's traffic
 */
public record SimulationInfo(String mode, long seed, String calibration, String hopLatency, long dutyCycleNanos,
        long perWorkNanos, String idleWakeUp, List<String> workCosts, String noise, List<String> faults, long events, long hiccups, long lostNanos, long droppedByFaults,
        List<String> crashedKernels, List<String> omitted) {
    /** How an {@link #omitted} line about an ingress workload begins. */
    public static final String INGRESS = "ingress: ";

    public SimulationInfo {
        workCosts = List.copyOf(workCosts);
        faults = List.copyOf(faults);
        crashedKernels = List.copyOf(crashedKernels);
        omitted = List.copyOf(omitted);
    }

    /** The {@link #omitted} lines about ingress workloads, one per workload. */
    public List<String> ingressLines() {
        return omitted.stream().filter(line -> line.startsWith(INGRESS)).toList();
    }
}
