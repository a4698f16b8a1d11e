package io.crosskernel.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest ({@code dev} when run from classes). */
final class XkVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Xk.class.getPackage().getImplementationVersion();
        return new String[] {"xk " + (version == null ? "dev" : version),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch")};
    }
}
