package io.crosskernel.cli;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.cli.plugins.KernelPlugins;
import io.crosskernel.cli.plugins.PluginOptions;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.topology.CpuTopology;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code xk topology}: what this machine offers kernels. */
@Command(name = "topology", mixinStandardHelpOptions = true, versionProvider = XkVersion.class,
        description = "Shows the CPUs, the isolated CPUs, which CPUs a kernel can be pinned to here, "
                + "and the kernel types available.")
final class TopologyCommand implements Callable<Integer> {
    @Mixin
    PluginOptions plugins;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        try (KernelPlugins kernelTypes = plugins.load()) { // before the probes: a bad plugin directory exits 2 at once
            return show(kernelTypes);
        }
    }

    private int show(KernelPlugins kernelTypes) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CpuTopology topology = CpuTopology.detect();
        out.println(topology.render());
        out.println();
        out.println("Pinning check (a short-lived thread pinned to each usable CPU):");
        ThreadPinner.warmUp();
        for (int cpu : topology.usableCpus()) {
            PinResult result = pinProbe(cpu);
            out.println("  cpu " + cpu + ": " + (result.pinned() ? "pinnable" : "NOT pinnable") + " - "
                    + result.detail());
        }
        out.println();
        out.println("Kernel types" + (kernelTypes.jars().isEmpty() ? "" : " (with plugins " + kernelTypes.jars()
                + ")") + ":");
        KernelTypes types = kernelTypes.types();
        for (String name : types.names()) {
            KernelFactory factory = types.get(name);
            out.println("  " + name + " - " + factory.description() + " (settings: "
                    + String.join(", ", new java.util.TreeSet<>(factory.settingKeys())) + ")");
        }
        return Xk.OK;
    }

    private static PinResult pinProbe(int cpu) throws InterruptedException {
        AtomicReference<PinResult> result = new AtomicReference<>();
        Thread probe = new Thread(() -> result.set(ThreadPinner.pinCurrentThread(cpu)), "xk-pin-probe-" + cpu);
        probe.start();
        probe.join();
        return result.get();
    }
}
