package io.crosskernel.api.idle;

/**
 * What a kernel thread does when a duty cycle found no work.
 *
 * <p>Threading: an instance with state (such as {@link BackoffIdleStrategy}) belongs to one thread; stateless
 * strategies expose a shared {@code INSTANCE}. None allocates.
 */
public interface IdleStrategy {
    /**
     * Called after every duty cycle with the work it did: idles only when {@code workCount} is 0, and resets any
     * back-off state when work was done.
     */
    default void idle(int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    /** Idles once, unconditionally. */
    void idle();

    /** Forgets any back-off state. */
    void reset();

    /** The name used in scenario files and reports. */
    String alias();

    /**
     * Whether idling keeps the core (a spin): the worker's hiccup meter then counts a long gap across an idle as time
     * the worker wanted to run and did not; a strategy that yields or parks gives the core away on purpose, so the
     * gap across its idle is not examined.
     */
    default boolean keepsCore() {
        return false;
    }
}
