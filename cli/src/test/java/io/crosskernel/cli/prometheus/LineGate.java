package io.crosskernel.cli.prometheus;

import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A writer for {@code xk}'s stdout that hands each complete line to the test and, for the first {@code gates} lines
 * matching a predicate, holds the writing thread (the host thread, printing progress) until the test calls
 * {@link #release()}: the run cannot move on while the test scrapes, so what it scrapes is the sample just printed.
 * A held line gives up after 30 s so a broken test cannot hang the run.
 */
final class LineGate extends Writer {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Semaphore release = new Semaphore(0);
    private final Predicate<String> gated;
    private final StringBuilder current = new StringBuilder();
    private int gates;

    LineGate(Predicate<String> gated, int gates) {
        this.gated = gated;
        this.gates = gates;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] != '\n') {
                current.append(chars[i]);
                continue;
            }
            String line = current.toString();
            current.setLength(0);
            lines.add(line);
            if (gates > 0 && gated.test(line)) {
                gates--;
                try {
                    release.tryAcquire(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The next line {@code xk} printed that matches, waiting up to {@code seconds}; the lines before it are skipped. */
    String await(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line within " + seconds + " s");
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Lets a held line go. */
    void release() {
        release.release();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
