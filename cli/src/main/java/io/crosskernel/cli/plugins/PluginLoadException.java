package io.crosskernel.cli.plugins;

/**
 * A plugin directory or jar that cannot be used: the message is one line saying which file, what is wrong and how to
 * fix it. The CLI reports it as bad input (exit 2) without a stack trace.
 */
public final class PluginLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PluginLoadException(String message) {
        super(message);
    }
}
