package io.crosskernel.hypervisor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crosskernel.api.workload.KeyDistribution;
import io.crosskernel.api.workload.Stage;
import io.crosskernel.api.workload.StageOp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code shards:}, {@code key:} and {@code kv:}: what a shard group boots, and every bad input at its position. */
class ShardGroupScenarioTest {
    private static final Path FILE = Path.of("sharded.yaml");
    private static final String WORKLOAD = "workload:\n"
            + "  - name: kv\n"
            + "    stream: {rate: 1k/s}\n"
            + "    kv: {keys: 1000, distribution: zipfian, skew: 0.9, put: 60%, get: 40%}\n"
            + "    stages:\n"
            + "      - {kernel: ingest, cost: 1us}\n"
            + "      - {kernel: store, op: mix, key: payload, size: 64B}\n";

    private final ScenarioParser parser = new ScenarioParser(TestKernelFactory.types());

    private static String kernels(String storeEntry) {
        return "kernels:\n"
                + "  - {name: ingest, type: general, cores: [1]}\n"
                + "  - " + storeEntry + "\n";
    }

    private ScenarioException reject(String text) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parser.parse(text, FILE));
        assertThat(e).as("must be rejected:%n%s", text).isNotNull();
        return e;
    }

    @Test
    void bootsOneKernelPerShardOnConsecutiveIdsEachOnItsCore() {
        Scenario s = parser.parse(kernels("{name: store, type: test, shards: 4, cores: \"2-5\"}") + WORKLOAD, FILE);

        assertThat(s.kernels()).extracting(KernelDecl::name)
                .containsExactly("ingest", "store-0", "store-1", "store-2", "store-3");
        assertThat(s.kernels()).extracting(KernelDecl::id).containsExactly(0, 1, 2, 3, 4);
        assertThat(s.kernels().get(3).cores()).containsExactly(4);
        assertThat(s.kernels().get(3).shard().index()).isEqualTo(2);
        assertThat(s.kernels().get(3).toSpec().shard().count()).isEqualTo(4);
        Stage stage = s.workloads().get(0).route().stage(1);
        assertThat(stage.sharded()).isTrue();
        assertThat(stage.kernelId()).isEqualTo(1);
        assertThat(stage.shards()).isEqualTo(4);
        assertThat(stage.kernelName()).isEqualTo("store");
        assertThat(stage.op()).isEqualTo(StageOp.MIX);
        assertThat(stage.runsOn(4)).isTrue();
        assertThat(stage.runsOn(0)).isFalse();
        assertThat(s.workloads().get(0).route().keys().distribution()).isEqualTo(KeyDistribution.ZIPFIAN);
        assertThat(s.workloads().get(0).route().keys().putPpm()).isEqualTo(600_000);
    }

    @Test
    void oversubscribedShardsTakeTheCoresInTurn() {
        Scenario s = parser.parse("host: {oversubscribe: true}\n"
                + kernels("{name: store, type: test, shards: 3, cores: [1]}") + WORKLOAD, FILE);

        assertThat(s.kernels()).extracting(k -> k.cores().get(0)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void zeroShardsIsAnErrorAtTheValue() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 0, cores: [2]}") + WORKLOAD);

        assertThat(e.getMessage()).startsWith("sharded.yaml:3:39: 'shards' of kernel 'store' is 0: a shard group"
                + " needs at least one shard (write 'shards: 1' or more");
    }

    @Test
    void moreShardsThanCoresIsAnErrorAtTheCores() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 4, cores: \"2-3\"}") + WORKLOAD);

        assertThat(e.getMessage()).startsWith("sharded.yaml:3:49: kernel 'store' has 4 shards but only 2 cores:"
                + " each shard runs on a core of its own (give it 4 cores (for example 'cores: \"2-5\"'), fewer"
                + " shards, or set 'host: {oversubscribe: true}'");
    }

    @Test
    void moreCoresThanShardsIsAnError() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 2, cores: \"2-4\"}") + WORKLOAD);

        assertThat(e.problem()).isEqualTo("kernel 'store' has 2 shards but 3 cores: each shard runs on exactly one"
                + " core");
    }

    @Test
    void aKeyFieldThatDoesNotExistIsAnErrorAtTheKey() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 2, cores: \"2-3\"}")
                + WORKLOAD.replace("key: payload", "key: user"));

        assertThat(e.getMessage()).startsWith("sharded.yaml:10:39: 'key' names 'user', a field requests do not"
                + " have (route by one of: payload");
    }

    @Test
    void aStageAddressedToAGroupNeedsAKey() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 2, cores: \"2-3\"}")
                + WORKLOAD.replace(", key: payload", ""));

        assertThat(e.pos().line()).isEqualTo(10);
        assertThat(e.problem()).contains("is addressed to shard group 'store' (2 shards) but names no key");
    }

    @Test
    void aKeyOnAPlainKernelIsAnError() {
        ScenarioException e = reject(kernels("{name: store, type: test, cores: [2]}") + WORKLOAD);

        assertThat(e.problem()).contains("routes among the shards of a group, but 'store' is one kernel");
    }

    @Test
    void aGroupAsTheFirstStageIsAnError() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 2, cores: \"2-3\"}")
                + "workload: [{name: kv, stream: {rate: 1k/s}, kv: {keys: 10}, kernel: store, key: payload}]\n");

        assertThat(e.problem()).contains("the first stage of workload 'kv' is addressed to shard group 'store'");
    }

    @Test
    void aGroupWithoutKeyedRequestsIsAnError() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 2, cores: \"2-3\"}")
                + WORKLOAD.replace("    kv: {keys: 1000, distribution: zipfian, skew: 0.9, put: 60%, get: 40%}\n",
                        "").replace("op: mix", "op: put"));

        assertThat(e.problem()).isEqualTo("workload 'kv' sends to shard group 'store' but its requests have no keys");
    }

    @Test
    void sharesMustAddUpToAHundredPercent() {
        ScenarioException e = reject(kernels("{name: store, type: test, shards: 2, cores: \"2-3\"}")
                + WORKLOAD.replace("get: 40%", "get: 30%"));

        assertThat(e.problem()).startsWith("the put, get and delete shares of 'kv' add up to 90");
        assertThat(e.pos().line()).isEqualTo(7);
    }

    @Test
    void aShardNameTakenByAnotherKernelIsAnError() {
        ScenarioException e = reject("kernels:\n"
                + "  - {name: ingest, type: general, cores: [1]}\n"
                + "  - {name: store-1, type: test, cores: [6]}\n"
                + "  - {name: store, type: test, shards: 2, cores: \"2-3\"}\n" + WORKLOAD);

        assertThat(e.problem()).contains("would boot shard 'store-1', but a kernel of that name already exists");
    }
}
