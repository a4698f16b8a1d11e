package io.crosskernel.cli.plugins;

import static io.crosskernel.cli.plugins.PluginJarBuilder.factorySource;
import static io.crosskernel.cli.plugins.PluginJarBuilder.services;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.api.KernelFactory;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plugin jars: the kernel types they add, and one clear message for every way a directory or jar is wrong. */
class KernelPluginsTest {
    @TempDir
    Path work;

    private Path plugins() throws IOException {
        return Files.createDirectories(work.resolve("plugins"));
    }

    private Path plugin(Path dir, String jarName, String className, String type, String constructorBody)
            throws IOException {
        return PluginJarBuilder.fromSources(work, dir.resolve(jarName),
                Map.of(className, factorySource(className, type, constructorBody)), services(className));
    }

    @Test
    void addsThePluginsTypesToTheBuiltInOnesAndClosesItsClassLoader() throws IOException {
        Path dir = plugins();
        plugin(dir, "a.jar", "com.example.a.AFactory", "alpha", "");
        plugin(dir, "b.jar", "com.example.b.BFactory", "beta", "");

        URLClassLoader loader;
        try (KernelPlugins loaded = KernelPlugins.load(dir, "--plugins " + dir)) {
            assertThat(loaded.types().names()).contains("alpha", "beta", "general", "realtime");
            assertThat(loaded.jars()).containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"));
            ClassLoader alphaLoader = loaded.types().get("alpha").getClass().getClassLoader();
            assertThat(alphaLoader).isInstanceOf(URLClassLoader.class).isNotSameAs(KernelFactory.class.getClassLoader());
            assertThat(alphaLoader.getParent()).isSameAs(KernelFactory.class.getClassLoader());
            loader = (URLClassLoader) alphaLoader;
            assertThat(loader.findResource("com/example/b/BFactory.class")).isNotNull();
        }
        // closed: the loader no longer reads its jars
        assertThat(loader.findResource("com/example/b/BFactory.class")).isNull();
    }

    @Test
    void builtInOnlyHasTheBuiltInTypes() {
        try (KernelPlugins builtIn = KernelPlugins.builtInOnly()) {
            assertThat(builtIn.types().names()).contains("general", "io", "storage", "compute", "realtime");
            assertThat(builtIn.jars()).isEmpty();
        }
    }

    @Test
    void refusesAMissingDirectory() {
        Path missing = work.resolve("nope");
        assertThatThrownBy(() -> KernelPlugins.load(missing, "--plugins " + missing))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("--plugins " + missing + ": no such directory; give the directory that holds the plugin "
                        + "jars");
    }

    @Test
    void refusesAFile() throws IOException {
        Path file = Files.writeString(work.resolve("file.jar"), "x");
        assertThatThrownBy(() -> KernelPlugins.load(file, "--plugins " + file))
                .isInstanceOf(PluginLoadException.class).hasMessageContaining(": a file, not a directory");
    }

    @Test
    void refusesADirectoryWithoutJars() throws IOException {
        Path dir = plugins();
        Files.writeString(dir.resolve("README.txt"), "no jars here");
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("--plugins " + dir + ": holds no .jar files")
                .hasMessageContaining(PluginJar.SERVICE_FILE);
    }

    @Test
    void refusesAJarThatIsNotAJar() throws IOException {
        Path dir = plugins();
        Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip file");
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("plugin jar " + broken + " cannot be read: ")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void refusesAJarThatDeclaresNoKernelFactory() throws IOException {
        Path dir = plugins();
        Path jar = PluginJarBuilder.fromSources(work, dir.resolve("plain.jar"),
                Map.of("com.example.Plain", "package com.example; public class Plain { }"), Map.of());
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugin jar " + jar + " declares no kernel type: list its KernelFactory class in "
                        + PluginJar.SERVICE_FILE + " inside the jar");
    }

    @Test
    void namesTheJarTheClassAndTheCauseOfAFactoryThatThrows() throws IOException {
        Path dir = plugins();
        plugin(dir, "a.jar", "com.example.a.AFactory", "alpha", "");
        Path failing = plugin(dir, "b.jar", "com.example.b.Failing", "beta",
                "throw new IllegalStateException(\"licence file missing\");");
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugin jar " + failing + ": kernel factory com.example.b.Failing failed to load: its "
                        + "constructor threw IllegalStateException: licence file missing");
    }

    @Test
    void namesAFactoryClassThatIsNotInTheJar() throws IOException {
        Path dir = plugins();
        Path jar = PluginJarBuilder.fromSources(work, dir.resolve("typo.jar"),
                Map.of("com.example.Real", factorySource("com.example.Real", "real", "")),
                services("com.example.Typo"));
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugin jar " + jar + ": kernel factory com.example.Typo failed to load: the class is not "
                        + "in the jar (check the name in " + PluginJar.SERVICE_FILE + ")");
    }

    @Test
    void namesAFactoryClassThatIsNotAKernelFactory() throws IOException {
        Path dir = plugins();
        Path jar = PluginJarBuilder.fromSources(work, dir.resolve("wrong.jar"),
                Map.of("com.example.Wrong", "package com.example; public class Wrong { }"),
                services("com.example.Wrong"));
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugin jar " + jar + ": kernel factory com.example.Wrong failed to load: the class does "
                        + "not implement io.crosskernel.api.KernelFactory");
    }

    @Test
    void refusesATypeThatClashesWithABuiltInOne() throws IOException {
        Path dir = plugins();
        Path jar = plugin(dir, "mine.jar", "com.example.MyGeneral", "general", "");
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("plugin jar " + jar + ": kernel type 'general' of com.example.MyGeneral "
                        + "clashes with the built-in type 'general' (io.crosskernel.kernels.")
                .hasMessageEndingWith("); rename the plugin's type");
    }

    @Test
    void refusesATypeTwoPluginsProvideNamingBothJars() throws IOException {
        Path dir = plugins();
        Path first = plugin(dir, "a.jar", "com.example.a.Limiter", "limiter", "");
        Path second = plugin(dir, "b.jar", "com.example.b.Limiter", "limiter", "");
        assertThatThrownBy(() -> KernelPlugins.load(dir, "--plugins " + dir))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("kernel type 'limiter' is provided by two plugin jars: " + first
                        + " (com.example.a.Limiter) and " + second + " (com.example.b.Limiter); remove one jar or "
                        + "rename one type");
    }

    @Test
    void theOptionWinsOverTheEnvironmentVariableAndAnEmptyVariableIsUnset() throws IOException {
        Path dir = plugins();
        plugin(dir, "a.jar", "com.example.a.AFactory", "alpha", "");
        Path missing = work.resolve("missing");

        PluginOptions fromVariable = new PluginOptions();
        fromVariable.environment = name -> name.equals("XK_PLUGINS") ? dir.toString() : null;
        try (KernelPlugins loaded = fromVariable.load()) {
            assertThat(loaded.types().names()).contains("alpha");
        }

        PluginOptions optionWins = new PluginOptions();
        optionWins.dir = dir;
        optionWins.environment = name -> missing.toString();
        try (KernelPlugins loaded = optionWins.load()) {
            assertThat(loaded.types().names()).contains("alpha");
        }

        PluginOptions badVariable = new PluginOptions();
        badVariable.environment = name -> missing.toString();
        assertThatThrownBy(badVariable::load).isInstanceOf(PluginLoadException.class)
                .hasMessageStartingWith("XK_PLUGINS=" + missing + ": no such directory");

        PluginOptions empty = new PluginOptions();
        empty.environment = name -> "";
        try (KernelPlugins loaded = empty.load()) {
            assertThat(loaded.jars()).isEmpty();
        }
    }
}
