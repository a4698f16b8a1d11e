package io.crosskernel.cli.plugins;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.cli.output.IoProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * One plugin jar and the {@link KernelFactory} classes it declares in its service file, read before any of its
 * classes is loaded, so that a factory that later fails to load can be named with its jar.
 *
 * @param file           the jar
 * @param factoryClasses the class names listed in {@link #SERVICE_FILE}, in order; never empty
 */
record PluginJar(Path file, List<String> factoryClasses) {
    /** Where a jar lists its kernel factories for {@link java.util.ServiceLoader}. */
    static final String SERVICE_FILE = "META-INF/services/" + KernelFactory.class.getName();

    PluginJar {
        factoryClasses = List.copyOf(factoryClasses);
    }

    /**
     * Reads the service file of {@code jar}.
     *
     * @throws PluginLoadException when the jar cannot be read or declares no kernel factory
     */
    static PluginJar read(Path jar) {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(SERVICE_FILE);
            if (entry != null) {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        int comment = line.indexOf('#');
                        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                        if (!name.isEmpty() && !classes.contains(name)) {
                            classes.add(name);
                        }
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            throw new PluginLoadException("plugin jar " + jar + " cannot be read: " + IoProblem.reason(e)
                    + " (is it a jar file, readable by this user?)");
        }
        if (classes.isEmpty()) {
            throw new PluginLoadException("plugin jar " + jar + " declares no kernel type: list its KernelFactory "
                    + "class in " + SERVICE_FILE + " inside the jar");
        }
        return new PluginJar(jar, classes);
    }

    /** The jar's file name, for messages. */
    String name() {
        return file.getFileName().toString();
    }
}
