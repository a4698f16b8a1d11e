package io.crosskernel.bench.roundtrip;

import io.crosskernel.bench.Spread;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transport's uncorrected p50 and p99 divided by a baseline's of the same round, summarised over the rounds (see
 * {@link Spread} for why rounds). Immutable.
 *
 * @param p50 ratios of the per-round median round trips
 * @param p99 ratios of the per-round 99th percentiles
 */
public record RoundRatios(Spread p50, Spread p99) {
    /** @return {@code transport}'s ratios to {@code base}, round by round (both measured in the same rounds) */
    public static RoundRatios of(RoundTripLatency.TransportLatency transport,
            RoundTripLatency.TransportLatency base) {
        return new RoundRatios(Spread.ofRatios(asDoubles(transport.roundRawP50()), asDoubles(base.roundRawP50())),
                Spread.ofRatios(asDoubles(transport.roundRawP99()), asDoubles(base.roundRawP99())));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rawP50", p50.toJson());
        json.put("rawP99", p99.toJson());
        return json;
    }

    private static double[] asDoubles(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
