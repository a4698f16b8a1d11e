package io.crosskernel.bench.journal;

import io.crosskernel.bench.BenchFlags;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fork and run lengths every journal benchmark shares; JMH's annotations are {@code @Inherited}, so a subclass
 * gets them. The openings Chronicle Queue (the journal's store) needs on Java 17 come with the options the fork
 * inherits from its host JVM (see {@link BenchFlags}).
 *
 * <p>Stateless: it only carries annotations.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK})
public abstract class JournalBenchmarkJvm {
}
