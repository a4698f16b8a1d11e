package io.crosskernel.cli.plugins;

import io.crosskernel.api.KernelFactory;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars the way a plugin author would, for tests: compiles Java sources against kernel-api with the JDK's
 * compiler ({@link ToolProvider#getSystemJavaCompiler()}) and packs the classes and resources into a jar.
 *
 * <p>Not thread-safe. Each call compiles in a new directory under the {@code work} directory it is given (a test's
 * temporary directory, which the test framework deletes).
 */
public final class PluginJarBuilder {
    private PluginJarBuilder() {
    }

    /**
     * Compiles every {@code .java} file under {@code sourceRoot} and jars the classes with every file under
     * {@code resourceRoot} (may be null), compiling under {@code work}.
     *
     * @return {@code jar}
     */
    public static Path fromTree(Path sourceRoot, Path resourceRoot, Path work, Path jar) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Path classes = Files.createTempDirectory(work, "classes");
        compile(sources, classes);
        return jar(jar, classes, resourceRoot);
    }

    /**
     * Compiles {@code sources} (class name, as {@code a.b.C}, to its source text) and jars them with {@code resources}
     * (path inside the jar to its text).
     *
     * @return {@code jar}
     */
    public static Path fromSources(Path work, Path jar, Map<String, String> sources, Map<String, String> resources)
            throws IOException {
        Path build = Files.createTempDirectory(work, "plugin-build");
        Path sourceRoot = build.resolve("src");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file);
        }
        Path classes = build.resolve("classes");
        compile(files, classes);
        Path resourceRoot = build.resolve("resources");
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = resourceRoot.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue());
        }
        return jar(jar, classes, resourceRoot);
    }

    /** The service file that registers {@code factoryClasses}. */
    public static Map<String, String> services(String... factoryClasses) {
        return Map.of(PluginJar.SERVICE_FILE, String.join("\n", factoryClasses) + "\n");
    }

    /**
     * The source of a minimal kernel factory {@code className} for type {@code type}, whose kernel does nothing;
     * {@code constructorBody} runs in its constructor (a plugin that fails to load throws there).
     */
    public static String factorySource(String className, String type, String constructorBody) {
        int dot = className.lastIndexOf('.');
        String pkg = className.substring(0, dot);
        String simple = className.substring(dot + 1);
        return "package " + pkg + ";\n"
                + "import io.crosskernel.api.*;\n"
                + "import java.util.Set;\n"
                + "public final class " + simple + " implements KernelFactory {\n"
                + "  public " + simple + "() { " + constructorBody + " }\n"
                + "  public String type() { return \"" + type + "\"; }\n"
                + "  public String description() { return \"a test plugin\"; }\n"
                + "  public Set<String> settingKeys() { return Set.of(\"speed\"); }\n"
                + "  public void validate(KernelSpec spec) { }\n"
                + "  public Kernel create(KernelSpec spec) {\n"
                + "    return new Kernel() {\n"
                + "      public void onBoot(KernelContext context) { }\n"
                + "      public int doWork(int worker) { return 0; }\n"
                + "    };\n"
                + "  }\n"
                + "}\n";
    }

    private static void compile(List<Path> sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the tests on a JDK");
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", classPathOf(KernelFactory.class) + File.pathSeparator
                        + classPathOf(org.HdrHistogram.Histogram.class)));
        sources.forEach(source -> args.add(source.toString()));
        StringWriter messages = new StringWriter();
        int code = compiler.run(null, new WriterOutputStream(messages), new WriterOutputStream(messages),
                args.toArray(new String[0]));
        if (code != 0) {
            throw new IllegalStateException("compiling the plugin failed:\n" + messages);
        }
    }

    private static String classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path jar(Path jar, Path classes, Path resourceRoot) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes);
            if (resourceRoot != null && Files.isDirectory(resourceRoot)) {
                add(out, resourceRoot);
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
            Files.copy(file, out);
            out.closeEntry();
        }
    }

    /** Collects the compiler's messages as text. */
    private static final class WriterOutputStream extends OutputStream {
        private final StringWriter target;

        WriterOutputStream(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.write(new String(b, off, len, StandardCharsets.UTF_8));
        }
    }
}
