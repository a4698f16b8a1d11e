package io.crosskernel.api.idle;

/**
 * Spins with {@link Thread#onSpinWait()}: the lowest wake-up latency, and a core at 100% forever.
 * Use it only on a core the kernel owns alone.
 */
public final class BusySpinIdleStrategy implements IdleStrategy {
    public static final BusySpinIdleStrategy INSTANCE = new BusySpinIdleStrategy();

    private BusySpinIdleStrategy() {
    }

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
    }

    @Override
    public boolean keepsCore() {
        return true;
    }

    @Override
    public String alias() {
        return "busy-spin";
    }
}
