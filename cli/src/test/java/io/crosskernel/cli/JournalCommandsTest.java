package io.crosskernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crosskernel.hypervisor.journal.EntryType;
import io.crosskernel.hypervisor.journal.JournalEntry;
import io.crosskernel.hypervisor.journal.JournalLayout;
import io.crosskernel.hypervisor.journal.JournalReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** xk run --journal, xk replay and xk journal as a user drives them, including a run killed with kill -9. */
@Timeout(90)
class JournalCommandsTest {
    private static String scenario(String duration) {
        return "name: journaled\nduration: " + duration + "\nseed: 3\n"
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0], idle: backoff}\n"
                + "  - {name: worker, type: general, cores: [1], idle: backoff}\n"
                + "workload:\n"
                + "  - name: orders\n    stream: {rate: 5k/s}\n"
                + "    stages: [{kernel: ingest, cost: 1us}, {kernel: worker, cost: 2us}]\n";
    }

    @TempDir
    Path dir;

    private final XkConsole console = new XkConsole(true);

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aJournaledRunReplaysToItsRecordedFinalStateAndAnswersQueries() throws IOException {
        Path scenario = file("s.yaml", scenario("300ms"));
        Path journal = dir.resolve("journal");

        assertThat(console.run("run", scenario.toString(), "--journal", journal.toString(), "--journal-payload", "full",
                "--quiet")).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("journal written to " + journal);

        assertThat(console.run("replay", journal.toString())).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("replay matches the recorded final state", "ingest->worker");

        assertThat(console.run("journal", journal.toString(), "--request", "7", "--json")).isEqualTo(Xk.OK);
        List<String> lines = console.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"type\":\"send\"", "\"requestId\":7", "\"result\":\"sent\"");
        assertThat(lines.get(1)).contains("\"type\":\"receive\"", "\"requestId\":7");

        assertThat(console.run("journal", journal.toString(), "--kernel", "worker", "--type", "receive", "--from", "100ms",
                "--to", "200ms")).isEqualTo(Xk.OK);
        List<String> rows = console.out().lines().toList();
        assertThat(rows.size()).isGreaterThan(100); // 5k/s for 100 ms, plus a header and a count line
        assertThat(rows.subList(1, rows.size() - 1)).allSatisfy(row -> assertThat(row).contains(" receive ",
                "ingest->worker"));
    }

    @Test
    void theMixedCriticalityExampleJournaledLosesNoMessage() throws IOException {
        // The example as shipped, its storage directory moved under the test's temporary directory.
        String example = Files.readString(Path.of("..", "examples", "mixed-criticality.yaml"));
        assertThat(example).contains("dir: xk-data/mixed-criticality");
        Path scenario = file("mixed.yaml", example.replace("dir: xk-data/mixed-criticality",
                "dir: " + dir.resolve("data").toString().replace('\\', '/')));
        Path journal = dir.resolve("journal");
        Path json = dir.resolve("report.json");

        int code = console.run("run", scenario.toString(), "--duration", "1s", "--journal", journal.toString(),
                "--json-report", json.toString(), "--quiet");

        // A 1 s run cannot meet the example's whole-run expectations (its bursts come later): 1 is fine, 3 is not.
        assertThat(code).as(console.err()).isIn(Xk.OK, Xk.EXPECTATION_FAILED);
        Map<String, Long> sent = new HashMap<>();
        long received = 0;
        long rejected = 0;
        for (JournalEntry e : JournalReader.read(journal).entries()) {
            String position = e.from() + ">" + e.to() + "#" + e.channelSeq();
            if (e.type() == EntryType.SEND && e.result() == JournalLayout.RESULT_SENT) {
                assertThat(sent.put(position, e.requestId())).as("one send per channel position").isNull();
            } else if (e.type() == EntryType.SEND) {
                rejected++;
            } else if (e.type() == EntryType.RECEIVE) {
                assertThat(sent.remove(position)).as("receive " + position + " matches its send")
                        .isEqualTo(e.requestId());
                received++;
            }
        }
        assertThat(sent).as("sent and never received").isEmpty();
        JsonNode report = ReportSchema.assertValid(json);
        long delivered = 0;
        long reportedRejected = 0;
        for (JsonNode channel : report.get("channels")) {
            delivered += channel.get("delivered").asLong();
            reportedRejected += channel.get("rejected").asLong();
        }
        assertThat(received).isEqualTo(delivered).isPositive();
        assertThat(rejected).isEqualTo(reportedRejected);
        assertThat(report.get("accounting").get("balanced").asBoolean()).isTrue();

        assertThat(console.run("replay", journal.toString())).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("replay matches the recorded final state");
    }

    @Test
    void badInputExitsWithTwoAndAClearMessage() throws IOException {
        assertThat(console.run("replay", dir.resolve("nope").toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("no journal directory");

        Files.createDirectories(dir.resolve("empty"));
        assertThat(console.run("replay", dir.resolve("empty").toString())).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("is not a journal");

        assertThat(console.run("replay", dir.toString(), "--at", "soon")).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--at");

        Path scenario = file("s.yaml", scenario("100ms"));
        assertThat(console.run("run", scenario.toString(), "--journal", dir.resolve("j").toString(), "--journal-payload",
                "everything", "--quiet")).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("--journal-payload", "none, digest or full");

        assertThat(console.run("run", scenario.toString(), "--journal", dir.toString(), "--quiet")).isEqualTo(Xk.BAD_INPUT);
        assertThat(console.err()).contains("is not empty");
    }

    @Test
    void aRunKilledWithKillNineLeavesAJournalThatReplaysUpToItsLastEntry() throws Exception {
        Path scenario = file("long.yaml", scenario("60s"));
        Path journal = dir.resolve("journal");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The flags this JVM got from surefire's argLine: Chronicle needs the same opens in the child.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-XX:+Use")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Xk.class.getName(), "run",
                scenario.toString(), "--journal", journal.toString(), "--quiet"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long received = 0;
            while (received < 500) {
                assertThat(child.isAlive()).as("child still running; its log: %s", readLog()).isTrue();
                assertThat(System.nanoTime()).as("child journaled 500 receives within 60 s").isLessThan(deadline);
                received = countReceives(journal);
                if (received < 500) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling interval, not a sync point
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean end
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        int code = console.run("replay", journal.toString());

        assertThat(code).as(console.err()).isEqualTo(Xk.OK);
        assertThat(console.out()).contains("the run was cut short", "last complete entry", "ingest->worker")
                .doesNotContain("Exception");
    }

    private String readLog() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static long countReceives(Path journal) {
        if (!Files.isDirectory(journal.resolve("kernels"))) {
            return 0;
        }
        try {
            return JournalReader.read(journal).entries().stream().filter(e -> e.type() == EntryType.RECEIVE).count();
        } catch (RuntimeException notYetReadable) {
            return 0; // the header or a queue file is still being created
        }
    }
}
