package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.cli.plugins.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugins} on the commands that know kernel types: validate, topology, run. */
@Timeout(60)
class PluginsCommandTest {
    @TempDir
    Path work;

    private Path plugins;
    private final XkConsole console = new XkConsole();

    @BeforeEach
    void buildPlugin() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJarBuilder.fromSources(work, plugins.resolve("alpha.jar"),
                Map.of("com.example.AlphaFactory", PluginJarBuilder.factorySource("com.example.AlphaFactory",
                        "alpha", "")),
                PluginJarBuilder.services("com.example.AlphaFactory"));
    }

    private Path scenario(String settings) throws IOException {
        return Files.writeString(work.resolve("alpha.yaml"), "name: alpha-run\nduration: 1s\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0]}\n"
                + "  - name: lim\n"
                + "    type: alpha\n"
                + "    cores: [1]\n"
                + "    settings: {" + settings + "}\n"
                + "workload:\n"
                + "  - {name: orders, stream: {rate: 1k/s}, stages: [{kernel: ingest, cost: 1us}]}\n");
    }

    @Test
    void validateAcceptsThePluginsTypeAndSettings() throws IOException {
        Path file = scenario("speed: 3");

        int code = console.run("validate", "--plugins", plugins.toString(), file.toString());

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("lim: alpha");
    }

    @Test
    void withoutThePluginTheTypeIsUnknown() throws IOException {
        Path file = scenario("speed: 3");

        int code = console.run("validate", file.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains(file + ":7:").contains("alpha");
    }

    @Test
    void aSettingThePluginDoesNotKnowIsReportedAtItsLine() throws IOException {
        Path file = scenario("sped: 3");

        int code = console.run("validate", "--plugins", plugins.toString(), file.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains(file + ":9:").contains("sped").contains("speed");
    }

    @Test
    void topologyListsThePluginsTypes() {
        int code = console.run("topology", "--plugins", plugins.toString());

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("alpha.jar").contains("alpha - a test plugin (settings: speed)")
                .contains("general - ");
    }

    @Test
    void aBadPluginDirectoryIsOneLineAndExitTwoBeforeAnythingRuns() throws IOException {
        Path file = scenario("speed: 3");
        Path missing = work.resolve("missing");

        int code = console.run("run", "--plugins", missing.toString(), file.toString());

        assertThat(code).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).isEqualTo("error: --plugins " + missing + ": no such directory; give the "
                + "directory that holds the plugin jars" + System.lineSeparator());
        assertThat(console.out()).isEmpty();
    }
}
