package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sharded.yaml as a user runs it, in simulation: four storage shards behind a Zipfian key-value mix, the
 * shard group's report (skew, hottest keys, the read-back check), and the check catching a write lost on purpose.
 */
class ShardedStorageRunTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "sharded.yaml");

    @TempDir
    Path dir;

    /**
     * The example without its live reshard (ReshardRunTest covers that; these runs are cut to 1 s, before it), with
     * its logs under the test's directory, and {@code edit} applied to its text.
     */
    private Path scenario(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        String text = Files.readString(EXAMPLE).lines()
                .filter(line -> !line.trim().startsWith("reshard:") && !line.contains("store.reshard."))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n")).replace("dir: xk-data/store",
                "dir: '" + dir.resolve(name).toString().replace('\\', '/') + "'");
        return Files.writeString(dir.resolve(name + ".yaml"), edit.apply(text));
    }

    private JsonNode run(Path scenario, int expectedExit) {
        Path json = dir.resolve(scenario.getFileName() + ".json");
        XkConsole xk = new XkConsole();
        int code = xk.run("run", scenario.toString(), "--sim", "--duration", "1s", "--json-report", json.toString(),
                "--quiet");
        assertThat(code).as(xk.out() + xk.err()).isEqualTo(expectedExit);
        return ReportSchema.assertValid(json);
    }

    @Test
    void theExampleRunsGreenAndItsShardGroupReportsSkewHotKeysAndAPassingCheck() throws IOException {
        JsonNode zipf = run(scenario("zipf", t -> t), Xk.OK);
        JsonNode uniform = run(scenario("uniform", t -> t.replace("distribution: zipfian, skew: 0.99",
                "distribution: uniform")), Xk.OK);

        JsonNode group = zipf.path("shardGroups").get(0);
        assertThat(group.path("group").asText()).isEqualTo("store");
        assertThat(group.path("shards")).hasSize(4);
        assertThat(group.path("verifyMismatches").asLong()).isZero();
        assertThat(group.path("verifiedKeys").asLong()).isPositive();
        assertThat(group.path("hotKeys").get(0).path("key").asLong()).as("Zipf: key 0 is the hottest").isZero();
        long sum = 0;
        for (JsonNode shard : group.path("shards")) {
            sum += shard.path("requests").asLong();
        }
        assertThat(sum).isEqualTo(group.path("requests").asLong());
        double zipfSkew = group.path("skew").asDouble();
        double uniformSkew = uniform.path("shardGroups").get(0).path("skew").asDouble();
        assertThat(zipfSkew).as("Zipfian keys load one shard more than uniform ones").isGreaterThan(uniformSkew);
        assertThat(uniformSkew).isLessThan(1.2);
    }

    @Test
    void routingIsTheSameOnEveryRun() throws IOException {
        JsonNode first = run(scenario("first", t -> t), Xk.OK);
        JsonNode second = run(scenario("second", t -> t), Xk.OK);

        assertThat(second.path("shardGroups").get(0).path("shards").findValues("requests"))
                .isEqualTo(first.path("shardGroups").get(0).path("shards").findValues("requests"));
        assertThat(second.path("shardGroups").get(0).path("hotKeys"))
                .isEqualTo(first.path("shardGroups").get(0).path("hotKeys"));
    }

    @Test
    void theReadBackCheckCatchesAWriteLostOnPurpose() throws IOException {
        JsonNode report = run(scenario("lossy", t -> t.replace("verify: true      #",
                "loseWriteEvery: 50\n      verify: true      #")
                + "  - \"store.verify_mismatches == 0\"\n"), Xk.EXPECTATION_FAILED);

        JsonNode group = report.path("shardGroups").get(0);
        assertThat(group.path("verifyMismatches").asLong()).isPositive();
        JsonNode failed = report.path("expectations").get(report.path("expectations").size() - 1);
        assertThat(failed.path("passed").asBoolean()).isFalse();
        long injected = 0;
        for (JsonNode kernel : report.path("kernels")) {
            injected += kernel.path("details").path("verify").path("lostWritesInjected").asLong();
        }
        // A lost write is caught unless a later acknowledged write or delete of its key superseded it.
        assertThat(injected).isPositive();
        assertThat(group.path("verifyMismatches").asLong()).isLessThanOrEqualTo(injected);
    }

    @Test
    void badShardInputExitsTwoNamingFileLineAndColumn() throws IOException {
        String[][] cases = {
            {"shards: 4", "shards: 0", ":31:13: 'shards' of kernel 'store' is 0"},
            {"oversubscribe: true   #", "oversubscribe: false  #", ":32:12: kernel 'store' has 4 shards but only 1"
                    + " core"},
            {"key: payload", "key: user", ":45:39: 'key' names 'user', a field requests do not have"},
        };
        for (String[] c : cases) {
            Path bad = scenario("bad", t -> t.replace(c[0], c[1]));
            XkConsole xk = new XkConsole();

            assertThat(xk.run("validate", bad.toString())).as(xk.err()).isEqualTo(Xk.BAD_INPUT);
            assertThat(xk.err()).contains(bad + c[2]);
        }
    }
}
