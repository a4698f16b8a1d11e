package io.crosskernel.hypervisor.host;

import io.crosskernel.hypervisor.affinity.JvmThreadConfiner;
import io.crosskernel.hypervisor.affinity.PinResult;
import io.crosskernel.hypervisor.affinity.ThreadPinner;
import java.util.List;

/** The real machine: platform threads, OpenHFT affinity, {@code /proc/self/task}. Stateless; see {@link HostPlatform}. */
public final class NativeHostPlatform implements HostPlatform {
    public static final NativeHostPlatform INSTANCE = new NativeHostPlatform();

    private NativeHostPlatform() {
    }

    @Override
    public void warmUp() {
        ThreadPinner.warmUp();
    }

    @Override
    public Thread startWorkerThread(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        // A worker that never returns must not keep the JVM alive after the run has failed and reported it.
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public PinResult pinCurrentThread(int core) {
        return ThreadPinner.pinCurrentThread(core);
    }

    @Override
    public JvmThreadConfiner.Result moveJvmThreads(List<Integer> from, List<Integer> to) {
        return JvmThreadConfiner.confineUnpinnedThreads(from, to);
    }
}
