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
    // another kernel's) writes can be allocated next to each other at boot. 128 bytes behind the fields keep a busy
    // envelope's fields off the lines of the next object (false sharing). Bytes, not longs: HotSpot lays fields out
    // longs first, then ints, then bytes, so only byte padding is sure to come after routeId and stage.
    @SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
    private byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    private byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    private byte p200, p201, p202, p203, p204, p205, p206, p207, p208, p209, p210, p211, p212, p213, p214, p215;
    private byte p300, p301, p302, p303, p304, p305, p306, p307, p308, p309, p310, p311, p312, p313, p314, p315;
    private byte p400, p401, p402, p403, p404, p405, p406, p407, p408, p409, p410, p411, p412, p413, p414, p415;
    private byte p500, p501, p502, p503, p504, p505, p506, p507, p508, p509, p510, p511, p512, p513, p514, p515;
    private byte p600, p601, p602, p603, p604, p605, p606, p607, p608, p609, p610, p611, p612, p613, p614, p615;
    private byte p700, p701, p702, p703, p704, p705, p706, p707, p708, p709, p710, p711, p712, p713, p714, p715;

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
