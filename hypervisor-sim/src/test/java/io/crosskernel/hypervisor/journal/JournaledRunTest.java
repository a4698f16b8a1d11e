package io.crosskernel.hypervisor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.crosskernel.api.SystemNanoClock;
import io.crosskernel.hypervisor.host.Hypervisor;
import io.crosskernel.hypervisor.partition.PartitionPlanner;
import io.crosskernel.hypervisor.report.ChannelReport;
import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.report.MetricsSample.Phase;
import io.crosskernel.hypervisor.report.RunRecordings;
import io.crosskernel.hypervisor.report.RunReport;
import io.crosskernel.hypervisor.scenario.KernelTypes;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.ScenarioParser;
import io.crosskernel.hypervisor.sink.RunListener;
import io.crosskernel.hypervisor.topology.CpuTopology;
import io.crosskernel.kernels.compute.ComputeKernelFactory;
import io.crosskernel.kernels.general.GeneralKernelFactory;
import io.crosskernel.kernels.io.IoKernelFactory;
import io.crosskernel.kernels.realtime.RealtimeKernelFactory;
import io.crosskernel.kernels.storage.StorageKernelFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real runs with journaling on, replayed from the journal alone. */
@Timeout(60)
class JournaledRunTest {
    private static final KernelTypes TYPES = KernelTypes.of(new GeneralKernelFactory(), new IoKernelFactory(),
            new StorageKernelFactory(), new RealtimeKernelFactory(), new ComputeKernelFactory());

    /**
     * Shaped like examples/mixed-criticality.yaml, shrunk to 400 ms: a real-time control loop, an io kernel feeding
     * storage puts, checksums and deletes, compute batches; one small drop-newest channel so that some messages are
     * rejected.
     */
    private static String mixed(Path data) {
        return "name: mixed-small\nduration: 400ms\nseed: 2026\n"
                + "host: {oversubscribe: true, housekeeping: false, drainTimeout: 5s}\n"
                + "kernels:\n"
                + "  - {name: rt, type: realtime, cores: [1], idle: backoff, settings: {policy: edf}}\n"
                + "  - {name: net, type: io, cores: [0], idle: backoff, settings: {udpPort: 0}}\n"
                + "  - {name: store, type: storage, cores: [0], idle: backoff, settings: {dir: '"
                + data.toString().replace("'", "''") + "', sync: none}}\n"
                + "  - {name: crunch, type: compute, cores: [0], idle: backoff}\n"
                + "channels:\n"
                + "  capacity: 64\n"
                + "  backpressure: retry\n"
                + "  links:\n"
                + "    - {from: net, to: crunch, capacity: 4, backpressure: drop-newest}\n"
                + "workload:\n"
                + "  - name: control\n    periodic: {period: 1ms, deadline: 1ms}\n    kernel: rt\n    cost: 20us\n"
                + "  - name: burst\n    burst: {at: 100ms, count: 2000}\n"
                + "    stages: [{kernel: net, cost: 1us}, {kernel: store, op: checksum, size: 256B}]\n"
                + "  - name: writes\n    stream: {rate: 5k/s, arrival: poisson}\n"
                + "    stages: [{kernel: net, cost: 1us}, {kernel: store, op: put, size: 128B}]\n"
                + "  - name: deletes\n    stream: {rate: 1k/s, arrival: poisson}\n"
                + "    stages: [{kernel: net, cost: 1us}, {kernel: store, op: delete}]\n"
                + "  - name: batch\n    burst: {at: 50ms, count: 200}\n"
                + "    stages: [{kernel: net, cost: 1us}, {kernel: crunch, cost: 200us}]\n";
    }

    static RunReport run(String yaml, Path journalDir, PayloadMode mode) {
        return run(yaml, journalDir, mode, RunListener.NONE);
    }

    static RunReport run(String yaml, Path journalDir, PayloadMode mode, RunListener listener) {
        Scenario scenario = new ScenarioParser(TYPES).parse(yaml, Path.of("test.yaml"));
        RunJournal journal = RunJournal.create(journalDir, mode, SystemNanoClock.INSTANCE);
        return new Hypervisor(TYPES, SystemNanoClock.INSTANCE).run(scenario,
                PartitionPlanner.plan(scenario, CpuTopology.detect()), listener, journal);
    }

    @Test
    void aJournaledRunStillHandsTheCallersListenerEverySampleAndTheRecordings(@TempDir Path tmp) {
        List<MetricsSample> samples = new ArrayList<>();
        List<RunRecordings> recordings = new ArrayList<>();
        List<String> events = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onSample(MetricsSample sample) {
                samples.add(sample);
            }

            @Override
            public void onRecordings(RunRecordings r) {
                recordings.add(r);
            }

            @Override
            public void onEvent(String message) {
                events.add(message);
            }
        };
        RunReport report = run(mixed(tmp.resolve("data")), tmp.resolve("journal"), PayloadMode.NONE, listener);

        assertThat(report.failure()).isNull();
        assertThat(samples).isNotEmpty().last().satisfies(s -> assertThat(s.phase()).isEqualTo(Phase.FINISHED));
        assertThat(recordings).singleElement().satisfies(r -> assertThat(r.timeline()).isEqualTo(samples));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("sources closed"));
        assertThat(JournalReader.read(tmp.resolve("journal")).cleanEnd()).isTrue();
    }

    @Test
    void replayOfAFinishedRunReproducesTheRecordedFinalStateAndLosesNoMessage(@TempDir Path tmp) {
        Path dir = tmp.resolve("journal");
        RunReport report = run(mixed(tmp.resolve("data")), dir, PayloadMode.DIGEST);
        assertThat(report.failure()).isNull();

        Journal journal = JournalReader.read(dir);
        assertThat(journal.cleanEnd()).isTrue();
        Replay.Result result = Replay.run(journal, Replay.Cut.END, false);
        assertThat(result.verdict()).as(result.report()).isEqualTo(Replay.Verdict.MATCH);
        assertThat(result.report()).contains("replay matches the recorded final state");

        // Every message a channel took has its receive; every other accounted offer is a recorded rejection.
        Map<String, Long> sent = new HashMap<>();
        long received = 0;
        long rejected = 0;
        long puts = 0;
        for (JournalEntry e : journal.entries()) {
            String key = e.from() + ">" + e.to() + "#" + e.channelSeq();
            if (e.type() == EntryType.SEND && e.result() == JournalLayout.RESULT_SENT) {
                assertThat(sent.put(key, e.requestId())).as("one send per channel position").isNull();
            } else if (e.type() == EntryType.SEND) {
                rejected++;
            } else if (e.type() == EntryType.RECEIVE) {
                assertThat(sent.remove(key)).as("receive " + key + " matches its send").isEqualTo(e.requestId());
                received++;
            } else if (e.type() == EntryType.PUT) {
                puts++;
            }
        }
        assertThat(sent).as("sent and never received").isEmpty();
        long reportedRejected = report.channels().stream().mapToLong(ChannelReport::rejected).sum();
        long reportedDelivered = report.channels().stream().mapToLong(ChannelReport::delivered).sum();
        assertThat(rejected).isEqualTo(reportedRejected).isPositive();
        assertThat(received).isEqualTo(reportedDelivered).isPositive();
        assertThat(puts).isPositive();
        assertThat(result.state().stores()).singleElement()
                .satisfies(store -> assertThat(store.index()).isNotEmpty());
    }
}
