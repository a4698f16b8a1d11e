package io.crosskernel.hypervisor.partition;

import io.crosskernel.hypervisor.scenario.HostSettings;
import io.crosskernel.hypervisor.scenario.KernelDecl;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@link Scenario} records directly, with predictable positions: kernel i's {@code cores:} is on line 10+i. */
final class TestScenarios {
    static final Path FILE = Path.of("plan.yaml");
    static final SourcePos HOST_POS = new SourcePos(FILE, 3, 1);

    private boolean housekeeping = true;
    private int housekeepingCore = -1;
    private boolean oversubscribe;
    private final List<KernelDecl> kernels = new ArrayList<>();

    static TestScenarios scenario() {
        return new TestScenarios();
    }

    static SourcePos coresPos(int kernelId) {
        return new SourcePos(FILE, 10 + kernelId, 12);
    }

    TestScenarios housekeeping(boolean on) {
        this.housekeeping = on;
        return this;
    }

    TestScenarios housekeepingCore(int core) {
        this.housekeepingCore = core;
        return this;
    }

    TestScenarios oversubscribe() {
        this.oversubscribe = true;
        return this;
    }

    TestScenarios kernel(String name, String type, Integer... cores) {
        return kernel(name, type, List.of(cores));
    }

    TestScenarios kernel(String name, String type, List<Integer> cores) {
        int id = kernels.size();
        kernels.add(new KernelDecl(id, name, type, cores, "backoff", Map.of(), new SourcePos(FILE, 10 + id, 3),
                coresPos(id), Map.of()));
        return this;
    }

    Scenario build() {
        HostSettings host = new HostSettings(housekeeping, housekeepingCore, oversubscribe,
                HostSettings.OnError.CONTINUE, 5_000_000_000L, 1_000_000_000L, HOST_POS);
        return new Scenario(FILE, "", "plan", 1_000_000_000L, 0L, 1L, host, kernels, List.of(), List.of(),
                List.of());
    }
}
