package io.crosskernel.bench;

/**
 * JVM flags every benchmark JVM gets, as compile-time constants so JMH's {@code @Fork(jvmArgsAppend = …)} can use
 * them: G1 and the stack size the project runs with (the parent pom's {@code crosskernel.jvm.flags}). The module
 * openings are not repeated here: a JMH fork inherits its host JVM's options, and the host ({@code ./xk bench}, or
 * {@code java @jvm-openings.args -jar bench/target/benchmarks.jar}) starts with the project's one list. Stateless.
 */
public final class BenchFlags {
    public static final String G1 = "-XX:+UseG1GC";
    public static final String STACK = "-Xss1m";

    /** CPU of the measuring / producing thread. */
    public static final int MEASURE_CPU = 0;
    /** CPU of the echo / consuming thread. */
    public static final int ECHO_CPU = 1;

    private BenchFlags() {
    }
}
