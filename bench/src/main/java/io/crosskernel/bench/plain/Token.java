package io.crosskernel.bench.plain;

/**
 * What the queue transports carry: one preallocated, immutable object per slot of a small pool, so a reply can be
 * checked for order (the pool index is the value's low bits) without either side writing to the object, which would
 * add a cache line to every round trip that the queues do not need. Immutable.
 */
final class Token {
    /** Pool size: a power of two, so a value's token is a mask away. */
    static final int POOL = 1024;

    final long index;

    private Token(long index) {
        this.index = index;
    }

    /** A fresh pool; call on the thread that sends, so the tokens sit in its own allocation buffer. */
    static Token[] pool() {
        Token[] tokens = new Token[POOL];
        for (int i = 0; i < POOL; i++) {
            tokens[i] = new Token(i);
        }
        return tokens;
    }

    static int slot(long value) {
        return (int) (value & (POOL - 1));
    }
}
