package io.crosskernel.cli.plugins;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.cli.output.IoProblem;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The kernel types of one CLI command: the built-in ones and those of the plugin jars in a directory, loaded together
 * in one child class loader through the same {@link ServiceLoader} of {@link KernelFactory} the built-ins use.
 *
 * <p>The child loader's parent is the loader of kernel-api, so a plugin's factory implements the very
 * {@code KernelFactory} interface the host knows (a plugin jar that bundles kernel-api's classes still gets the
 * parent's: delegation is parent-first).
 *
 * <p>Lifecycle and threading: built and closed on the command's thread. {@link #close()} closes the class loader (its
 * open jar files); call it only after every thread that runs plugin code has stopped (the run has returned), as
 * classes not loaded by then can no longer be.
 */
public final class KernelPlugins implements AutoCloseable {
    private static final String SERVICE_PREFIX = KernelFactory.class.getName() + ": ";

    private final KernelTypes types;
    private final List<PluginJar> jars;
    private final URLClassLoader loader;

    private KernelPlugins(KernelTypes types, List<PluginJar> jars, URLClassLoader loader) {
        this.types = types;
        this.jars = List.copyOf(jars);
        this.loader = loader;
    }

    /** The built-in kernel types only: no plugin directory was given. */
    public static KernelPlugins builtInOnly() {
        return new KernelPlugins(KernelTypes.load(), List.of(), null);
    }

    /**
     * Loads every {@code *.jar} directly in {@code dir}.
     *
     * @param dir   the plugin directory
     * @param label how the user named it, to begin messages with: {@code --plugins DIR} or {@code XK_PLUGINS=DIR}
     * @throws PluginLoadException for a missing or empty directory, an unreadable jar, a jar that declares no kernel
     *                             factory, a factory that cannot be loaded, or a type name given twice
     */
    public static KernelPlugins load(Path dir, String label) {
        List<PluginJar> jars = new ArrayList<>();
        for (Path jar : jarsIn(dir, label)) {
            jars.add(PluginJar.read(jar));
        }
        URLClassLoader loader = new URLClassLoader("xk-plugins", urls(jars), KernelFactory.class.getClassLoader());
        try {
            KernelTypes types = KernelTypes.of(factories(loader, jars).toArray(new KernelFactory[0]));
            return new KernelPlugins(types, jars, loader);
        } catch (RuntimeException | Error e) {
            closeQuietly(loader, e);
            throw e;
        }
    }

    /** Every kernel type a scenario may name in this command: built-in and plugin. */
    public KernelTypes types() {
        return types;
    }

    /** The plugin jars loaded, in file-name order; empty for {@link #builtInOnly()}. */
    public List<Path> jars() {
        return jars.stream().map(PluginJar::file).toList();
    }

    /** Closes the plugin class loader; nothing to do without plugins. */
    @Override
    public void close() {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the plugin jars", e);
        }
    }

    private static List<Path> jarsIn(Path dir, String label) {
        if (!Files.exists(dir)) {
            throw new PluginLoadException(label + ": no such directory; give the directory that holds "
                    + "the plugin jars");
        }
        if (!Files.isDirectory(dir)) {
            throw new PluginLoadException(label + ": a file, not a directory; give the directory "
                    + "that holds the plugin jars");
        }
        List<Path> jars;
        try (Stream<Path> entries = Files.list(dir)) {
            jars = entries.filter(p -> p.getFileName().toString().endsWith(".jar") && !Files.isDirectory(p))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new PluginLoadException(label + ": cannot be listed: " + IoProblem.reason(e));
        }
        if (jars.isEmpty()) {
            throw new PluginLoadException(label + ": holds no .jar files; put the plugin jars there "
                    + "(each lists its KernelFactory in " + PluginJar.SERVICE_FILE + ")");
        }
        return jars;
    }

    private static URL[] urls(List<PluginJar> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).file().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginLoadException("plugin jar " + jars.get(i).file() + " has no usable URL: "
                        + e.getMessage());
            }
        }
        return urls;
    }

    /**
     * Iterates the service loader of the child class loader once: the parent's providers are the built-in types,
     * the child's the plugins'. Stops at the first provider that fails, naming its jar and class.
     */
    private static List<KernelFactory> factories(URLClassLoader loader, List<PluginJar> jars) {
        Map<String, PluginJar> declaredBy = new LinkedHashMap<>(); // class name -> first jar that lists it
        for (PluginJar jar : jars) {
            for (String name : jar.factoryClasses()) {
                declaredBy.putIfAbsent(name, jar);
            }
        }
        Map<String, KernelFactory> builtIn = new TreeMap<>();
        Map<String, KernelFactory> plugin = new TreeMap<>();
        List<String> loaded = new ArrayList<>();
        Iterator<ServiceLoader.Provider<KernelFactory>> providers =
                ServiceLoader.load(KernelFactory.class, loader).stream().iterator();
        while (true) {
            KernelFactory factory;
            String type;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<KernelFactory> provider = providers.next();
                factory = provider.get();
                type = factory.type();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                throw failedFactory(e, declaredBy, loaded);
            }
            if (factory.getClass().getClassLoader() != loader) {
                builtIn.putIfAbsent(type, factory);
                continue;
            }
            loaded.add(factory.getClass().getName());
            if (type == null || type.isBlank()) {
                throw new PluginLoadException("plugin jar " + jarOf(factory, declaredBy) + ": kernel factory "
                        + factory.getClass().getName() + " has no type name; return the name scenarios use from "
                        + "type()");
            }
            KernelFactory clash = builtIn.get(type);
            if (clash != null) {
                throw new PluginLoadException("plugin jar " + jarOf(factory, declaredBy) + ": kernel type '" + type
                        + "' of " + factory.getClass().getName() + " clashes with the built-in type '" + type + "' ("
                        + clash.getClass().getName() + "); rename the plugin's type");
            }
            KernelFactory other = plugin.putIfAbsent(type, factory);
            if (other != null) {
                throw new PluginLoadException("kernel type '" + type + "' is provided by two plugin jars: "
                        + jarOf(other, declaredBy) + " (" + other.getClass().getName() + ") and "
                        + jarOf(factory, declaredBy) + " (" + factory.getClass().getName()
                        + "); remove one jar or rename one type");
            }
        }
        List<KernelFactory> all = new ArrayList<>(builtIn.values());
        all.addAll(plugin.values());
        return all;
    }

    /**
     * The error for a provider that failed: the JDK's message names the class for every failure it wraps; a raw
     * linkage error (a class the factory needs is missing) does not, and is then the first declared class not yet
     * loaded, as the service loader goes through the jars in order.
     */
    private static PluginLoadException failedFactory(Throwable failure, Map<String, PluginJar> declaredBy,
            List<String> loaded) {
        String message = String.valueOf(failure.getMessage());
        String className = null;
        for (String name : declaredBy.keySet()) {
            if (message.contains(name) && (className == null || name.length() > className.length())) {
                className = name;
            }
        }
        if (className == null) {
            className = declaredBy.keySet().stream().filter(name -> !loaded.contains(name)).findFirst().orElse("?");
        }
        PluginJar jar = declaredBy.get(className);
        return new PluginLoadException("plugin jar " + (jar == null ? "?" : jar.file()) + ": kernel factory "
                + className + " failed to load: " + cause(failure, className));
    }

    /** What went wrong, in words; the plugin's own exception (type and message) when it threw. */
    private static String cause(Throwable failure, String className) {
        Throwable cause = failure.getCause();
        while ((cause instanceof InvocationTargetException || cause instanceof ExceptionInInitializerError)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoSuchMethodException) {
            return "it has no public no-argument constructor";
        }
        if (cause != null) {
            return "its constructor threw " + describe(cause);
        }
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof ServiceConfigurationError) {
            if (message.endsWith(className + " not found")) {
                return "the class is not in the jar (check the name in " + PluginJar.SERVICE_FILE + ")";
            }
            if (message.endsWith(className + " not a subtype")) {
                return "the class does not implement " + KernelFactory.class.getName();
            }
            return message.startsWith(SERVICE_PREFIX) ? message.substring(SERVICE_PREFIX.length()) : message;
        }
        if (failure instanceof NoClassDefFoundError) {
            return "a class it needs is missing: " + message.replace('/', '.') + " (package it in the plugin jar "
                    + "or put its jar in the same directory)";
        }
        return describe(failure);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The jar a loaded factory class came from: its code source, else the jar that declared it. */
    private static String jarOf(KernelFactory factory, Map<String, PluginJar> declaredBy) {
        CodeSource source = factory.getClass().getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                return Path.of(source.getLocation().toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                // fall through to the declaring jar
            }
        }
        PluginJar jar = declaredBy.get(factory.getClass().getName());
        return jar == null ? "?" : jar.file().toString();
    }

    private static void closeQuietly(URLClassLoader loader, Throwable primary) {
        try {
            loader.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
