package io.crosskernel.api.idle;

/** Calls {@link Thread#yield()}: gives the core away when another thread wants it, otherwise spins. */
public final class YieldingIdleStrategy implements IdleStrategy {
    public static final YieldingIdleStrategy INSTANCE = new YieldingIdleStrategy();

    private YieldingIdleStrategy() {
    }

    @Override
    public void idle() {
        Thread.yield();
    }

    @Override
    public void reset() {
    }

    @Override
    public String alias() {
        return "yield";
    }
}
