package io.crosskernel.hypervisor.trace;

/**
 * How a run is traced: which fraction of requests keep per-hop timestamps, and how many hops each worker can hold.
 *
 * @param sampleRate        fraction of requests traced, {@code 0 < rate <= 1}; the decision is a function of the
 *                          trace id (see {@link io.crosskernel.api.trace.TraceSampling}), the same on every kernel
 * @param capacityPerWorker hops one worker can record; more are counted as lost, never silently dropped
 */
public record TraceSettings(double sampleRate, int capacityPerWorker) {
    /** 1% of requests: enough to find slow paths, little enough to keep a long run's buffers small. */
    public static final double DEFAULT_SAMPLE_RATE = 0.01;
    /** 65,536 hops (about 3.7 MB) per worker that records; in practice only each kernel's dispatcher records. */
    public static final int DEFAULT_CAPACITY_PER_WORKER = 1 << 16;

    public TraceSettings {
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("trace sample rate must be above 0 and at most 1 (e.g. 0.01 or 1%), got "
                    + sampleRate);
        }
        if (capacityPerWorker < 1) {
            throw new IllegalArgumentException("trace capacity must be at least 1 hop per worker, got "
                    + capacityPerWorker);
        }
    }

    /** Tracing at {@code sampleRate} with the default capacity. */
    public static TraceSettings ofRate(double sampleRate) {
        return new TraceSettings(sampleRate, DEFAULT_CAPACITY_PER_WORKER);
    }
}
