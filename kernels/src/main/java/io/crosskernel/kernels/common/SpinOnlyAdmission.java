package io.crosskernel.kernels.common;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.workload.Stage;
import java.util.List;

/**
 * Admission check shared by kernel types that only burn CPU: a stage that asks them for a data operation
 * ({@code put}, {@code compress}, ...) would otherwise run as a zero-cost spin and silently do nothing.
 *
 * <p>Stateless; called on the host thread during validation.
 */
public final class SpinOnlyAdmission {
    private SpinOnlyAdmission() {
    }

    /**
     * @param kernelType the refusing kernel's type, for the message
     * @throws AdmissionException naming the first stage on {@code kernelId} whose op is not {@code spin}
     */
    public static void check(String kernelType, int kernelId, List<Source> sources) {
        for (Source source : sources) {
            Route route = source.route();
            for (int s = 0; s < route.stages().size(); s++) {
                Stage stage = route.stage(s);
                if (stage.kernelId() == kernelId && !stage.op().equals(Stage.SPIN)) {
                    throw new AdmissionException("stage " + s + " of workload '" + route.name() + "' asks for op '"
                            + stage.op() + "', but a " + kernelType + " kernel only runs 'spin' stages: move that"
                            + " stage to a storage kernel");
                }
            }
        }
    }
}
