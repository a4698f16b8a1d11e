package io.crosskernel.hypervisor.journal;

import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioException;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sim.IngressArrivals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the arrivals of {@code ingress:} workloads out of a real run's journal, for a simulated run to replay
 * ({@code xk run --sim --sim-ingress JOURNAL_DIR}, docs/SIMULATION.md): each INGRESS entry, at its offset from the
 * run's start, under the name its workload has in the recorded run's scenario (the journal header keeps the text).
 *
 * <p>Threading: stateless.
 */
public final class RecordedIngress {
    private RecordedIngress() {
    }

    /**
     * A journal with damaged queues gives what was read before the damage.
     *
     * @param types the kernel types, to read the recorded scenario with
     * @throws JournalFormatException when {@code directory} is not a readable journal
     * @throws ScenarioException      when the scenario in its header does not parse with these kernel types
     */
    public static IngressArrivals read(Path directory, KernelTypes types) {
        Journal journal = JournalReader.read(directory);
        Scenario recorded = new ScenarioParser(types).parse(journal.header().scenarioText(),
                directory.resolve("(scenario in the journal header)"));
        Map<String, List<Long>> offsets = new LinkedHashMap<>();
        for (JournalEntry entry : journal.entries()) {
            if (entry.type() == EntryType.INGRESS && entry.routeId() >= 0
                    && entry.routeId() < recorded.workloads().size()) {
                String workload = recorded.workloads().get(entry.routeId()).route().name();
                offsets.computeIfAbsent(workload, w -> new ArrayList<>())
                        .add(Math.max(0, journal.sinceStart(entry.timestampNanos())));
            }
        }
        Map<String, long[]> byWorkload = new LinkedHashMap<>();
        offsets.forEach((workload, list) -> byWorkload.put(workload,
                list.stream().mapToLong(Long::longValue).sorted().toArray()));
        return new IngressArrivals(directory.toString(), byWorkload);
    }
}
