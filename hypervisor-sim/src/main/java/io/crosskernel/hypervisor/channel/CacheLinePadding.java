package io.crosskernel.hypervisor.channel;

/**
 * A superclass whose only fields are 128 bytes of padding, for objects whose fields one thread writes or reads on
 * every message while other threads write whatever the allocator happened to put next to them.
 *
 * <p>Why: Java gives no control over where objects land. The TLAB allocator places objects in allocation order, so
 * a channel's fields can share a cache line with the previous object, say an envelope or a counter another core
 * writes on every message; each of those writes then costs the channel's reader a miss (false sharing). Measured: a
 * round-trip benchmark whose reply holder was allocated just before the channel took 1.60x the volatile floor instead
 * of 1.13x (docs/BENCHMARKS.md). HotSpot lays out a superclass's fields before its subclass's, so a subclass's own
 * fields start at least 128 bytes past the end of the object before it: two cache lines, which also covers a
 * prefetcher that fetches lines in pairs. Byte fields rather than longs so the layout leaves no gap (after the 12-byte
 * object header) that a subclass field could be packed into.
 *
 * <p>Only the front is padded: what follows a padded object in memory is what its own constructor allocates next,
 * which the class controls. Stateless apart from the padding; never read or written.
 */
@SuppressWarnings({"unused", "UnusedVariable"}) // padding: the fields exist to take space
abstract class CacheLinePadding {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p200, p201, p202, p203, p204, p205, p206, p207, p208, p209, p210, p211, p212, p213, p214, p215;
    byte p300, p301, p302, p303, p304, p305, p306, p307, p308, p309, p310, p311, p312, p313, p314, p315;
    byte p400, p401, p402, p403, p404, p405, p406, p407, p408, p409, p410, p411, p412, p413, p414, p415;
    byte p500, p501, p502, p503, p504, p505, p506, p507, p508, p509, p510, p511, p512, p513, p514, p515;
    byte p600, p601, p602, p603, p604, p605, p606, p607, p608, p609, p610, p611, p612, p613, p614, p615;
    byte p700, p701, p702, p703, p704, p705, p706, p707, p708, p709, p710, p711, p712, p713, p714, p715;
}
