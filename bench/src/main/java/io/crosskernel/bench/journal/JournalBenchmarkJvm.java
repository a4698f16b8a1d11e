package io.crosskernel.bench.journal;

import io.crosskernel.bench.BenchFlags;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fork and run lengths every journal benchmark shares; JMH's annotations are {@code @Inherited}, so a subclass
 * gets them. The fork's JVM gets, besides every benchmark's flags, the exports and opens Chronicle Queue (the
 * journal's store) needs on Java 17, as in the parent pom's {@code crosskernel.add.opens}.
 *
 * <p>Stateless: it only carries annotations.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchFlags.G1, BenchFlags.STACK,
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", BenchFlags.AGRONA_EXPORTS})
public abstract class JournalBenchmarkJvm {
}
