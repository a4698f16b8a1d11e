package io.crosskernel.api;

/**
 * Where a kernel records changes to its own durable state (a store's key→value index) so that the run's journal can
 * rebuild that state from history alone. The host hands one to each kernel through
 * {@link KernelContext#stateJournal()}; when the run is not journaled it is {@link #NONE}, which does nothing.
 *
 * <p>Threading: single writer. Only the kernel's dispatching worker (worker 0) may call it, the same thread that
 * offers on the kernel's outbound channels.
 *
 * <p>Cost: implementations must not allocate, lock or log per call; a journaling implementation appends one fixed
 * layout entry to a memory-mapped file.
 */
public interface StateJournal {
    /** Records nothing: the run is not journaled. */
    StateJournal NONE = new StateJournal() {
        @Override
        public void put(long key, byte[] value, int offset, int length) {
        }

        @Override
        public void delete(long key) {
        }
    };

    /**
     * {@code key} now holds {@code value[offset, offset + length)}; call after the store applied the put. The bytes
     * are only read during the call (for a digest, or copied when the journal keeps full payloads).
     */
    void put(long key, byte[] value, int offset, int length);

    /** {@code key} was deleted; call after the store applied the delete. */
    void delete(long key);
}
