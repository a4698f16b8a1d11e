package io.crosskernel.kernels.io;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import io.crosskernel.api.workload.ExternalArrivals;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.kernels.common.OpAdmission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link IoKernel}s for {@code type: io}; settings are described by {@link IoSettings}.
 *
 * <p>Validation: exactly one core (one thread owns the sockets), and a loopback {@code bind} address. Admission: at
 * most one {@code ingress:} workload per protocol has its first stage on the kernel (each gets that protocol's
 * listener), and every stage on the kernel is a {@code spin}. An ingress workload whose first stage runs on another
 * kernel type is not caught here (this factory only sees its own kernel): that workload would simply receive nothing.
 *
 * <p>Threading: stateless; called on the host thread during validation and boot.
 */
public final class IoKernelFactory implements KernelFactory {
    @Override
    public String type() {
        return "io";
    }

    @Override
    public String description() {
        return "network ingress: UDP and TCP listeners on loopback feed ingress workloads, batched into a bounded"
                + " ring with drop accounting; also runs synthetic sources (one core)";
    }

    @Override
    public Set<String> settingKeys() {
        return IoSettings.KEYS;
    }

    @Override
    public void validate(KernelSpec spec) {
        if (spec.cores().size() != 1) {
            throw new InvalidSettingException("cores", "io kernel '" + spec.name() + "' runs one worker, which owns"
                    + " its sockets: give it exactly one core, for example 'cores: [1]' (got " + spec.cores() + ")");
        }
        IoSettings.parse(spec.settings());
    }

    @Override
    public void admit(KernelSpec spec, int kernelId, List<Source> sources) {
        OpAdmission.check("io", kernelId, sources, OpAdmission.SPIN_ONLY);
        Map<String, List<Route>> ingressByProtocol = new LinkedHashMap<>();
        for (Source source : sources) {
            Route route = source.route();
            if (route.stage(0).kernelId() == kernelId && source.schedule() instanceof ExternalArrivals external) {
                ingressByProtocol.computeIfAbsent(external.protocol(), p -> new ArrayList<>()).add(route);
            }
        }
        for (Map.Entry<String, List<Route>> entry : ingressByProtocol.entrySet()) {
            List<Route> routes = entry.getValue();
            if (routes.size() > 1) {
                List<String> names = routes.stream().map(Route::name).toList();
                // The second workload is the one that cannot have the listener: point there.
                throw new AdmissionException("workloads " + names + " all take " + entry.getKey()
                        + " ingress from io kernel '" + spec.name() + "', which has one " + entry.getKey()
                        + " listener: keep one of them, or give the others their own io kernel",
                        routes.get(1).id(), 0);
            }
        }
    }

    @Override
    public Kernel create(KernelSpec spec) {
        validate(spec);
        return new IoKernel(IoSettings.parse(spec.settings()));
    }
}
