package io.crosskernel.kernels.storage;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.From;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Any sequence of puts and deletes, replayed by a new engine after reopen, answers gets like a HashMap. */
class StorageEngineModelPropertyTest {
    private static final int MAX_VALUE = 48;

    /** One operation: a put when {@code value} is non-null, else a delete. */
    record Op(long key, byte[] value) {
        @Override
        public String toString() {
            return value == null ? "delete(" + key + ")" : "put(" + key + ", " + value.length + "B)";
        }
    }

    @Provide
    Arbitrary<Op> ops() {
        // few keys, so overwrites and deletes of live keys are common
        Arbitrary<Long> keys = Arbitraries.longs().between(-4, 12);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_VALUE).injectNull(0.3);
        return Combinators.combine(keys, values).as(Op::new);
    }

    @Property(tries = 40)
    void reopenedEngineMatchesAHashMapModel(@ForAll @Size(max = 60) List<@From("ops") Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("storage-model");
        try {
            Map<Long, byte[]> model = new HashMap<>();
            try (StorageEngine engine = StorageEngine.open(new LogConfig(dir, SyncPolicy.NONE, 1, MAX_VALUE))) {
                for (Op op : ops) {
                    if (op.value() == null) {
                        boolean existed = engine.delete(op.key());
                        assertThat(existed).isEqualTo(model.remove(op.key()) != null);
                    } else {
                        engine.put(op.key(), op.value());
                        model.put(op.key(), op.value());
                    }
                }
                assertMatches(engine, model);
            }
            try (StorageEngine reopened = StorageEngine.open(new LogConfig(dir, SyncPolicy.NONE, 1, MAX_VALUE))) {
                assertThat(reopened.recoveryReport().clean()).isTrue();
                assertThat(reopened.recoveryReport().recordsScanned()).isEqualTo(ops.size());
                assertMatches(reopened, model);
            }
        } finally {
            LogFiles.deleteTree(dir);
        }
    }

    private static void assertMatches(StorageEngine engine, Map<Long, byte[]> model) {
        byte[] read = new byte[MAX_VALUE];
        assertThat(engine.size()).isEqualTo(model.size());
        for (long key = -4; key <= 12; key++) {
            byte[] expected = model.get(key);
            ReadResult result = engine.get(key, read);
            if (expected == null) {
                assertThat(result).as("key %d", key).isEqualTo(ReadResult.NOT_FOUND);
            } else {
                assertThat(result).as("key %d", key).isEqualTo(ReadResult.FOUND);
                assertThat(Arrays.copyOf(read, engine.lastValueLength())).isEqualTo(expected);
            }
        }
    }
}
