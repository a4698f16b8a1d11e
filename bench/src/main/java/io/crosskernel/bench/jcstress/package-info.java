/**
 * jcstress memory-model tests of the channel and the single-writer counters: every field of a record seen complete,
 * wrap-around, the exact-capacity edge, the producer's cached consumer position, counters that never go backwards and
 * the drain check's read order. Each test names, in its outcomes, what is acceptable and what is forbidden.
 *
 * <p>Run them with the jcstress harness in {@code bench/target/benchmarks.jar} (docs/TESTING.md); the bench module's
 * {@code JcstressQuickTest} runs them in a short mode as part of the build.
 */
package io.crosskernel.bench.jcstress;
