package io.crosskernel.api;

/**
 * One message between kernels: a request's identity, where it is on its route, and its timestamps.
 *
 * <p>Envelopes are reused, never allocated per message: a sender fills its own, a channel copies the fields into its
 * ring, and the receiving end reads them back into an envelope of its own. Fields are plain and public on purpose: an
 * envelope is only ever touched by one thread, and the channel publishes its copy safely between sender and receiver.
 *
 * <p>Ownership: a sender fills its own (reusable) envelope and passes it to {@link OutboundChannel#offer(Envelope)},
 * which copies the fields. A receiver may read an envelope only inside {@link EnvelopeHandler#onMessage(Envelope)};
 * the channel reuses it for the next message, so the receiver must copy what it needs and never keep the reference.
 */
public final class Envelope {
    /** Unique per request within a run, assigned by the source that created it. */
    public long requestId;
    /** Identifies the request across kernels in traces; by default equal to {@link #requestId}. */
    public long traceId;
    /** Index of the route (pipeline) the request follows. */
    public int routeId;
    /** Index of the stage on the route that the receiver should run next. */
    public int stage;
    /** Clock time at which the request entered the system (its release time at the source). */
    public long originNanos;
    /** Clock time at which the sender handed it to the channel: the hop timestamp. */
    public long sentNanos;
    /** Application payload: a key, an amount, a digest; opaque to the fabric. */
    public long payload;

    // An envelope is written by one thread at a time, but the one a consumer reads into and the one its producer (or
    // another kernel's) writes can be allocated next to each other at boot: 64 bytes after the fields keep a busy
    // envelope's fields off the lines of its neighbours (false sharing).
    @SuppressWarnings("unused")
    private long pad1, pad2, pad3, pad4, pad5, pad6, pad7, pad8;

    /** Copies every field of {@code other} into this envelope. */
    public void copyFrom(Envelope other) {
        requestId = other.requestId;
        traceId = other.traceId;
        routeId = other.routeId;
        stage = other.stage;
        originNanos = other.originNanos;
        sentNanos = other.sentNanos;
        payload = other.payload;
    }

    /** Resets every field to zero. */
    public void clear() {
        requestId = 0;
        traceId = 0;
        routeId = 0;
        stage = 0;
        originNanos = 0;
        sentNanos = 0;
        payload = 0;
    }

    @Override
    public String toString() {
        return "Envelope{requestId=" + requestId + ", traceId=" + traceId + ", routeId=" + routeId + ", stage=" + stage
                + ", originNanos=" + originNanos + ", sentNanos=" + sentNanos + ", payload=" + payload + '}';
    }
}
