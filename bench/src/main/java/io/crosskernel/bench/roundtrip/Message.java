package io.crosskernel.bench.roundtrip;

/**
 * The one mutable message the reference-passing transports bounce back and forth. Only the thread that currently
 * holds it (the one that last took it off a queue) touches it; the queues' release/acquire ordering hands it over.
 */
final class Message {
    long value;
}
