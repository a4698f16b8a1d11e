package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sharded.yaml's live reshard as a user runs it (docs/SHARDING.md, "Live resharding"): four storage shards
 * grow to five at half time while the Zipfian mix goes on, only keys that change owner move, all to the new shard,
 * and no acknowledged write is lost or applied out of order, in simulation and in a real run; the checks see a
 * handoff broken on purpose; bad input exits 2 at its position.
 */
class ReshardRunTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "sharded.yaml");
    private static final String RESHARD = "reshard: {at: 1.5s, shards: 5}";

    @TempDir
    Path dir;

    /** The example with its logs under the test's directory, and {@code edit} applied to its text. */
    private Path scenario(String name, UnaryOperator<String> edit) throws IOException {
        String text = Files.readString(EXAMPLE).replace("dir: xk-data/store",
                "dir: '" + dir.resolve(name).toString().replace('\\', '/') + "'");
        assertThat(text).contains(RESHARD);
        return Files.writeString(dir.resolve(name + ".yaml"), edit.apply(text));
    }

    private JsonNode run(Path scenario, int expectedExit, String... mode) {
        Path json = dir.resolve(scenario.getFileName() + ".json");
        XkConsole xk = new XkConsole();
        String[] args = {"run", scenario.toString(), "--json-report", json.toString(), "--quiet"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(mode))
                .toArray(String[]::new);
        int code = xk.run(all);
        assertThat(code).as(xk.out() + xk.err()).isEqualTo(expectedExit);
        return ReportSchema.assertValid(json);
    }

    private static JsonNode details(JsonNode report, String kernel) {
        for (JsonNode k : report.path("kernels")) {
            if (k.path("name").asText().equals(kernel)) {
                return k.path("details");
            }
        }
        throw new AssertionError("no kernel " + kernel);
    }

    /** What every reshard must show: complete, no write lost or reordered, only the new shard receiving. */
    private static void assertSoundGrowth(JsonNode report) {
        JsonNode group = report.path("shardGroups").get(0);
        assertThat(group.path("shards")).hasSize(5);
        JsonNode reshard = group.path("reshard");
        assertThat(reshard.path("from").asInt()).isEqualTo(4);
        assertThat(reshard.path("to").asInt()).isEqualTo(5);
        assertThat(reshard.path("complete").asBoolean()).isTrue();
        assertThat(reshard.path("keysMoved").asLong()).isPositive();
        assertThat(reshard.path("bytesMoved").asLong()).as("every value is 128 B")
                .isEqualTo(128 * reshard.path("keysMoved").asLong());
        assertThat(reshard.path("durationNanos").asLong()).isPositive();
        assertThat(group.path("verifyMismatches").asLong()).as("every acknowledged write reads back from its owner")
                .isZero();
        assertThat(group.path("verifiedKeys").asLong()).isPositive();
        assertThat(group.path("reorderedWrites").asLong()).as("no write applied after a later one of its key")
                .isZero();
        long copiesSent = 0;
        for (int i = 0; i < 4; i++) {
            JsonNode r = details(report, "store-" + i).path("reshard");
            assertThat(r.path("role").asText()).isEqualTo("losing");
            assertThat(r.path("markers").asInt()).as("one marker from the one sender").isEqualTo(1);
            assertThat(r.path("keysReceived").asLong()).as("growing, only the new shard gains keys").isZero();
            assertThat(details(report, "store-" + i).path("verify").path("misowned").asLong()).isZero();
            copiesSent += r.path("keysMoved").asLong();
        }
        JsonNode gained = details(report, "store-4").path("reshard");
        assertThat(gained.path("role").asText()).isEqualTo("gaining");
        assertThat(gained.path("keysWithValueReceived").asLong()).as("every copy sent arrived")
                .isEqualTo(copiesSent);
        assertThat(group.path("shards").get(4).path("requests").asLong()).as("the new shard serves after the move")
                .isPositive();
    }

    @Test
    void growingLiveInSimulationMovesKeysToTheNewShardAndLosesNoWrite() throws IOException {
        JsonNode report = run(scenario("sim", t -> t), Xk.OK, "--sim");

        assertSoundGrowth(report);
        JsonNode reshard = report.path("shardGroups").get(0).path("reshard");
        assertThat(reshard.path("atNanos").asLong()).isEqualTo(1_500_000_000L);
        assertThat(reshard.path("durationNanos").asLong()).as("virtual time: the move is quick").isLessThan(
                500_000_000L);
        assertThat(reshard.path("latencyCount").asLong()).isPositive();
    }

    @Test
    void shrinkingLiveMovesTheRemovedShardsKeysToTheOthersAndLosesNoWrite() throws IOException {
        JsonNode report = run(scenario("shrink", t -> t.replace(RESHARD, "reshard: {at: 1.5s, shards: 3}")),
                Xk.OK, "--sim");

        JsonNode group = report.path("shardGroups").get(0);
        assertThat(group.path("shards")).hasSize(4);
        JsonNode reshard = group.path("reshard");
        assertThat(reshard.path("complete").asBoolean()).isTrue();
        assertThat(reshard.path("keysMoved").asLong()).isPositive();
        assertThat(group.path("verifyMismatches").asLong()).isZero();
        assertThat(group.path("reorderedWrites").asLong()).isZero();
        JsonNode removed = details(report, "store-3");
        assertThat(removed.path("reshard").path("role").asText()).isEqualTo("losing");
        assertThat(removed.path("reshard").path("keysMoved").asLong()).isEqualTo(reshard.path("keysMoved").asLong());
        assertThat(removed.path("verify").path("keys").asLong()).as("the removed shard keeps no key").isZero();
        long received = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode r = details(report, "store-" + i).path("reshard");
            assertThat(r.path("role").asText()).isEqualTo("gaining");
            assertThat(r.path("keysMoved").asLong()).as("a staying shard hands nothing over").isZero();
            received += r.path("keysWithValueReceived").asLong();
        }
        assertThat(received).isEqualTo(reshard.path("keysMoved").asLong());
    }

    @Test
    void theSameSimulatedReshardMovesTheSameKeysOnEveryRun() throws IOException {
        JsonNode first = run(scenario("first", t -> t), Xk.OK, "--sim");
        JsonNode second = run(scenario("second", t -> t), Xk.OK, "--sim");

        JsonNode a = first.path("shardGroups").get(0).path("reshard");
        JsonNode b = second.path("shardGroups").get(0).path("reshard");
        assertThat(b.path("keysMoved")).isEqualTo(a.path("keysMoved"));
        assertThat(b.path("durationNanos")).isEqualTo(a.path("durationNanos"));
    }

    @Test
    void theChecksSeeRequestsThatOvertakeTheirKeysState() throws IOException {
        // unsafeHandoff: the new shard runs requests for moving keys at once instead of holding them for the copy.
        // Ten times the rate, so that puts of moving keys reach the new shard before their copies in the move's
        // few milliseconds.
        JsonNode report = run(scenario("unsafe", t -> t.replace("verify: true      #",
                "unsafeHandoff: true\n      verify: true      #").replace("rate: 4k/s", "rate: 40k/s")),
                Xk.EXPECTATION_FAILED, "--sim");

        JsonNode group = report.path("shardGroups").get(0);
        assertThat(details(report, "store-4").path("reshard").path("parked").asLong()).isZero();
        assertThat(group.path("reorderedWrites").asLong()).as("an old copy landed on a newer write").isPositive();
    }

    @Test
    void aRealRunReshardsAtHalfTimeAndLosesNoWrite() throws IOException {
        JsonNode report = run(scenario("real", t -> t.replace("duration: 3s", "duration: 1s")
                .replace(RESHARD, "reshard: {at: 500ms, shards: 5}")), Xk.OK);

        assertThat(report.path("mode").asText()).isEqualTo("real");
        assertSoundGrowth(report);
    }

    @Test
    void badReshardInputExitsTwoNamingFileLineAndColumnWithAHint() throws IOException {
        String[][] cases = {
            {RESHARD, "reshard: {at: 3s, shards: 5}", ":32:19: the reshard of kernel 'store' is at 3s, but the run"
                    + " ends at 3s", "reshard before the end"},
            {RESHARD, "reshard: {at: 1.5s, shards: 4}", ":32:33: the reshard of kernel 'store' goes to 4 shards,"
                    + " which the group already has", "write more shards to grow (5)"},
            {RESHARD, "reshard: {at: 1.5s, shards: 0}", ":32:33: the reshard of kernel 'store' goes to 0 shards",
                "write 'shards: 1' or more"},
            {"    shards: 4 ", "    # shards: 4 ", ":32:5: 'reshard' of kernel 'store' changes the shard count of a"
                    + " shard group, but kernel 'store' is one kernel", "add 'shards: 4'"},
            {"type: storage", "type: general", ":32:5: 'reshard' of kernel 'store' moves keys between storage"
                    + " shards, but its type is 'general'", "use 'type: storage'"},
            {"      - {kernel: store, op: mix, key: payload, size: 128B}", "      - {kernel: store, op: mix, key:"
                    + " payload, size: 128B}\n      - {kernel: store, op: get, key: payload, size: 128B}", ":47:",
                "sends from shard group 'store' to itself"},
            {"workload:\n", "channels:\n  topology: explicit\n  links:\n    - {from: ingest, to: store-0}\n"
                    + "    - {from: ingest, to: store-1}\n    - {from: ingest, to: store-2}\n"
                    + "    - {from: ingest, to: store-3}\n    - {from: ingest, to: store-4}\n\nworkload:\n",
                ":55:", "'store-0' hands keys to 'store-4' but there is no channel store-0 -> store-4"},
        };
        for (String[] c : cases) {
            Path bad = scenario("bad", t -> t.replace(c[0], c[1]));
            XkConsole xk = new XkConsole();

            assertThat(xk.run("validate", bad.toString())).as(xk.err()).isEqualTo(Xk.BAD_INPUT);
            assertThat(xk.err()).contains(bad + c[2]).contains(c[3]);
        }
    }
}
