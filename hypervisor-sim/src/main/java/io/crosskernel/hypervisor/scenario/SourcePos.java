package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;

/**
 * A place in a scenario file, 1-based, for error messages: {@code quickstart.yaml:12:7}.
 */
public record SourcePos(Path file, int line, int column) {
    @Override
    public String toString() {
        return (file == null ? "<scenario>" : file.toString()) + ":" + line + ":" + column;
    }
}
