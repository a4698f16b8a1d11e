package com.example.ratelimit;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code ratelimit} kernel type: a token-bucket rate limiter that forwards the requests within its rate and burst
 * and sheds the rest, counting both. Listed in {@code META-INF/services/io.crosskernel.api.KernelFactory}, so a jar of
 * this example in an {@code xk run --plugins DIR} directory adds the type.
 *
 * <p>Threading: the host calls every method on its own thread, during validation and boot only.
 */
public final class TokenBucketKernelFactory implements KernelFactory {
    /** The {@code type:} scenarios name. */
    public static final String TYPE = "ratelimit";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "token-bucket rate limiter: forwards requests within its rate and burst, sheds the rest (example "
                + "plugin)";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(RateLimitSettings.RATE, RateLimitSettings.BURST, RateLimitSettings.BATCH,
                RateLimitSettings.HOLD);
    }

    @Override
    public void validate(KernelSpec spec) {
        if (spec.cores().size() != 1) {
            throw new InvalidSettingException("cores", "a ratelimit kernel runs on exactly one core, got "
                    + spec.cores().size() + " " + spec.cores() + ": give it one core, e.g. 'cores: [1]'");
        }
        RateLimitSettings.parse(spec.settings());
    }

    /**
     * Refuses stages the limiter cannot run as written: it does no work of its own (a {@code cost} or a data op would
     * be silently ignored), and it decides once per request (two stages in a row on it would take two tokens).
     */
    @Override
    public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        Set<Integer> seen = new HashSet<>();
        for (Source source : sources) {
            Route route = source.route();
            if (!seen.add(route.id())) {
                continue;
            }
            for (int s = 0; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (stage.kernelId() != kernelId) {
                    continue;
                }
                String where = "stage " + s + " of workload '" + route.name() + "' on ratelimit kernel '"
                        + spec.name() + "'";
                if (stage.op() != StageOp.SPIN || stage.costNanos() != 0) {
                    throw new AdmissionException(where + " asks for work (op " + stage.op() + ", cost "
                            + stage.costNanos() + "ns), but a rate limiter only lets requests through or sheds them: "
                            + "remove 'cost' and 'op' from the stage", route.id(), s);
                }
                if (!route.isLastStage(s) && route.stage(s + 1).kernelId() == kernelId) {
                    throw new AdmissionException(where + " is followed by another stage on the same kernel, which "
                            + "would take a second token: merge the two stages", route.id(), s + 1);
                }
            }
        }
    }

    @Override
    public Kernel create(KernelSpec spec) {
        return new TokenBucketKernel(RateLimitSettings.parse(spec.settings()));
    }
}
