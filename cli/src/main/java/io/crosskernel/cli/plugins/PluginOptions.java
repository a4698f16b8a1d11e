package io.crosskernel.cli.plugins;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins DIR} option of the commands that read scenarios or list kernel types ({@code run},
 * {@code validate}, {@code topology}), and its environment variable {@value #ENVIRONMENT_VARIABLE}: the option wins;
 * an empty variable counts as unset.
 *
 * <p>Threading: the command's thread only.
 */
public final class PluginOptions {
    /** The environment variable naming the plugin directory when {@code --plugins} is not given. */
    public static final String ENVIRONMENT_VARIABLE = "XK_PLUGINS";

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load the kernel types of the plugin jars in DIR (each lists its KernelFactory in "
                    + "META-INF/services/io.crosskernel.api.KernelFactory; see docs/EXTENDING.md). Default: the "
                    + "directory in $" + ENVIRONMENT_VARIABLE + ", if set.")
    Path dir;

    /** The {@code --plugins} directory given, or null (a command that starts others passes it on). */
    public Path dir() {
        return dir;
    }

    /** Reads environment variables; a seam for tests. */
    UnaryOperator<String> environment = System::getenv;

    /**
     * The built-in kernel types plus those of the plugin directory, if one is named. Close the result after the
     * command (a run: after it has returned).
     *
     * @throws PluginLoadException when the directory or a jar in it cannot be used
     */
    public KernelPlugins load() {
        if (dir != null) {
            return KernelPlugins.load(dir, "--plugins " + dir);
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            String label = ENVIRONMENT_VARIABLE + "=" + fromEnvironment;
            Path fromVariable;
            try {
                fromVariable = Path.of(fromEnvironment);
            } catch (InvalidPathException e) {
                throw new PluginLoadException(label + ": not a usable path (" + e.getReason() + ")");
            }
            return KernelPlugins.load(fromVariable, label);
        }
        return KernelPlugins.builtInOnly();
    }
}
