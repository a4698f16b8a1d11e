package io.crosskernel.hypervisor.host;

import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelContext;
import io.crosskernel.api.KernelSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test kernel type that writes every lifecycle call it gets into a shared log ({@code "a:boot"},
 * {@code "a:start 0"}, {@code "a:stop 0"}, {@code "a:stats"}, {@code "a:shutdown"}), with hooks to make a step
 * throw or block. Threading: the log is thread-safe; hooks run on the thread of the call they replace.
 */
final class LifecycleKernelFactory extends NoSettingsKernelFactory {
    /** What a kernel does on one step; {@code name} is the kernel's name in the scenario. */
    interface Hook {
        Hook NONE = (name, worker) -> { };

        void run(String name, int worker);
    }

    private final List<String> log;
    private final Hook onBoot;
    private final Hook doWork;

    LifecycleKernelFactory(String type, List<String> log, Hook onBoot, Hook doWork) {
        super(type);
        this.log = log;
        this.onBoot = onBoot;
        this.doWork = doWork;
    }

    static List<String> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public Kernel create(KernelSpec spec) {
        String name = spec.name();
        return new Kernel() {
            @Override
            public void onBoot(KernelContext context) {
                onBoot.run(name, -1);
                log.add(name + ":boot");
            }

            @Override
            public void onWorkerStart(int worker) {
                log.add(name + ":start " + worker);
            }

            @Override
            public int doWork(int worker) {
                doWork.run(name, worker);
                return 0;
            }

            @Override
            public void onWorkerStop(int worker) {
                log.add(name + ":stop " + worker);
            }

            @Override
            public Map<String, Object> stats() {
                log.add(name + ":stats");
                return Map.of();
            }

            @Override
            public void onShutdown() {
                log.add(name + ":shutdown");
            }
        };
    }
}
