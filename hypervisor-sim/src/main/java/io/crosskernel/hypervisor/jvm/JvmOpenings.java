package io.crosskernel.hypervisor.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The module openings every JVM that runs crosskernel code needs on Java 17+ (Chronicle Queue's file mapping, Agrona's
 * {@code Unsafe}), for the JVMs the project starts itself: benchmark children and, later, kernel processes.
 *
 * <p>There is one list, {@code jvm-openings.args} at the repository root, a Java argument file: the {@code xk}
 * launcher and the surefire forks pass it as {@code @jvm-openings.args}, and the build copies it onto the classpath,
 * where this class reads it. Comment lines ({@code #}) and blank lines are skipped, as the {@code java} launcher
 * skips them.
 *
 * <p>Stateless and thread-safe: every call reads the resource again (a few hundred bytes, off any hot path).
 */
public final class JvmOpenings {
    /** The classpath resource the build copies the repository's {@code jvm-openings.args} to. */
    static final String RESOURCE = "jvm-openings.args";

    private JvmOpenings() {
    }

    /**
     * The openings, one JVM option per element, in file order.
     *
     * @throws IllegalStateException when the resource is missing from the classpath (a broken build)
     */
    public static List<String> flags() {
        try (InputStream in = JvmOpenings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the classpath has no " + RESOURCE + " next to "
                        + JvmOpenings.class.getName() + ": rebuild with ./mvnw -B package");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
        }
    }

    static List<String> parse(BufferedReader reader) throws IOException {
        List<String> flags = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String flag = line.strip();
            if (!flag.isEmpty() && !flag.startsWith("#")) {
                flags.add(flag);
            }
        }
        return List.copyOf(flags);
    }
}
