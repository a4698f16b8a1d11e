package io.crosskernel.bench;

/**
 * JVM flags every benchmark JVM gets, as compile-time constants so JMH's {@code @Fork(jvmArgsAppend = …)} can use
 * them. They match the parent pom's {@code crosskernel.jvm.flags} where a benchmark needs them: G1 and the stack size
 * the project runs with, and the export Agrona needs on Java 17 (its queues use {@code jdk.internal.misc.Unsafe}).
 * Stateless.
 */
public final class BenchFlags {
    public static final String G1 = "-XX:+UseG1GC";
    public static final String STACK = "-Xss1m";
    public static final String AGRONA_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    /** CPU of the measuring / producing thread. */
    public static final int MEASURE_CPU = 0;
    /** CPU of the echo / consuming thread. */
    public static final int ECHO_CPU = 1;

    private BenchFlags() {
    }
}
