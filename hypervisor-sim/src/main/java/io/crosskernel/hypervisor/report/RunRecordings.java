package io.crosskernel.hypervisor.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run recorded besides its report: the sampled timeline and the full latency histograms (post warm-up), for
 * plots and HdrHistogram percentile files.
 *
 * <p>Ownership: built by the host thread after the workers stopped and handed over whole; the histograms are copies
 * nobody else writes, but they are mutable objects: readers must not change them.
 *
 * @param timeline       the samples taken while the run went on, oldest first, ending with the final one
 * @param kernelLatency  task response time per kernel, by kernel name in scenario order
 * @param kernelLateness release lateness per kernel that starts workloads, by kernel name
 * @param routeEndToEnd  end-to-end latency per workload route, by route name in scenario order
 */
public record RunRecordings(List<MetricsSample> timeline, Map<String, Histogram> kernelLatency,
        Map<String, Histogram> kernelLateness, Map<String, Histogram> routeEndToEnd) {

    public RunRecordings {
        timeline = List.copyOf(timeline);
        kernelLatency = Collections.unmodifiableMap(new LinkedHashMap<>(kernelLatency));
        kernelLateness = Collections.unmodifiableMap(new LinkedHashMap<>(kernelLateness));
        routeEndToEnd = Collections.unmodifiableMap(new LinkedHashMap<>(routeEndToEnd));
    }
}
