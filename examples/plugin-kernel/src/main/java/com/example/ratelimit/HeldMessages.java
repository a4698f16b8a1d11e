package com.example.ratelimit;

import io.crosskernel.api.Envelope;

/**
 * Messages waiting for a full {@code retry} channel: a bounded first-in first-out ring of envelopes allocated up
 * front, each with the kernel it is going to.
 *
 * <p>One ring for every destination keeps the example small: a message waits behind every older held message, even
 * one for another kernel, so order is kept and a slow destination holds back the others until it drains.
 *
 * <p>Threading: not thread-safe; owned by the kernel's one worker. Never allocates after construction.
 */
final class HeldMessages {
    private final Envelope[] envelopes;
    private final int[] destinations;
    private int head;
    private int size;
    private int highWaterMark;

    HeldMessages(int capacity) {
        envelopes = new Envelope[capacity];
        destinations = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            envelopes[i] = new Envelope();
        }
    }

    /** Copies {@code message} in as the newest held message; the caller checked {@link #remaining()}. */
    void add(Envelope message, int destination) {
        int tail = (head + size) % envelopes.length;
        envelopes[tail].copyFrom(message);
        destinations[tail] = destination;
        size++;
        highWaterMark = Math.max(highWaterMark, size);
    }

    /** The oldest held message; valid until {@link #removeOldest()}. Call only when {@link #size()} is above 0. */
    Envelope oldest() {
        return envelopes[head];
    }

    /** Where {@link #oldest()} is going. */
    int oldestDestination() {
        return destinations[head];
    }

    void removeOldest() {
        envelopes[head].clear();
        head = (head + 1) % envelopes.length;
        size--;
    }

    int size() {
        return size;
    }

    int remaining() {
        return envelopes.length - size;
    }

    /** The most messages held at once. */
    int highWaterMark() {
        return highWaterMark;
    }
}
