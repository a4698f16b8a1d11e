package io.crosskernel.kernels.testsupport;

import io.crosskernel.api.workload.Route;
import io.crosskernel.api.workload.Stage;
import java.util.List;

/** Test-only shorthands for building routes. */
public final class Routes {
    private Routes() {
    }

    public static Stage stage(int kernelId, long costNanos, int weight, long failEvery) {
        return new Stage(kernelId, "k" + kernelId, costNanos, weight, failEvery);
    }

    public static Stage stage(int kernelId) {
        return stage(kernelId, 0, 1, 0);
    }

    public static Route route(int id, Stage... stages) {
        return new Route(id, "r" + id, "stream", List.of(stages), 0);
    }
}
