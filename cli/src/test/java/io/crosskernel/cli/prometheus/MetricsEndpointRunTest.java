package io.crosskernel.cli.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crosskernel.cli.ReportSchema;
import io.crosskernel.cli.TestScenarios;
import io.crosskernel.cli.Xk;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code xk run --metrics-port}: scraped over loopback while a real run goes on. */
@Timeout(60)
class MetricsEndpointRunTest {
    private static final String SCENARIO = TestScenarios.ingestToWorker(
            "name: scraped\nduration: 1500ms\nseed: 5\n", "5k/s", "1us", "2us");
    private static final Pattern URL = Pattern.compile("metrics: serving Prometheus metrics at (http://\\S+)");

    /** Every family the documentation lists, with its type. */
    private static final List<String> DOCUMENTED = List.of(
            "crosskernel_run_info gauge", "crosskernel_run_phase gauge", "crosskernel_run_elapsed_seconds gauge",
            "crosskernel_run_planned_seconds gauge",
            "crosskernel_kernel_duty_cycles_total counter", "crosskernel_kernel_busy_seconds_total counter",
            "crosskernel_kernel_tasks_completed_total counter", "crosskernel_kernel_tasks_failed_total counter",
            "crosskernel_kernel_messages_in_total counter", "crosskernel_kernel_messages_out_total counter",
            "crosskernel_kernel_backpressure_events_total counter", "crosskernel_kernel_errors_total counter",
            "crosskernel_kernel_dropped_total counter", "crosskernel_kernel_deadline_misses_total counter",
            "crosskernel_kernel_budget_overruns_total counter", "crosskernel_kernel_stalls_total counter",
            "crosskernel_kernel_workers gauge", "crosskernel_kernel_task_latency_seconds summary",
            "crosskernel_kernel_release_lateness_seconds summary",
            "crosskernel_kernel_interval_task_latency_seconds gauge",
            "crosskernel_channel_offered_total counter", "crosskernel_channel_delivered_total counter",
            "crosskernel_channel_rejected_total counter", "crosskernel_channel_backpressured_total counter",
            "crosskernel_channel_depth gauge", "crosskernel_channel_high_water_mark gauge",
            "crosskernel_channel_capacity gauge",
            "crosskernel_route_requests_generated_total counter", "crosskernel_route_requests_total counter",
            "crosskernel_route_requests_in_flight gauge", "crosskernel_route_deadline_misses_total counter",
            "crosskernel_route_budget_overruns_total counter", "crosskernel_route_latency_seconds summary",
            "crosskernel_route_stage_latency_seconds summary");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ExpositionText scrape(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return ExpositionText.parse(response.body());
    }

    @Test
    void servesValidExpositionTextWithTheDocumentedNamesWhileTheRunGoesOn() throws Exception {
        Path scenario = dir.resolve("scraped.yaml");
        Files.writeString(scenario, SCENARIO);
        LineGate out = new LineGate(line -> line.startsWith("progress "), 2);
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Path report = dir.resolve("report.json");
        Thread run = new Thread(() -> code.set(Xk.execute(new String[] {"run", scenario.toString(), "--metrics-port",
                "0", "--progress", "plain", "--json-report", report.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true))), "xk-run");
        run.start();

        Matcher url = URL.matcher(out.await(line -> URL.matcher(line).matches(), 30));
        assertThat(url.matches()).isTrue();
        URI uri = URI.create(url.group(1));
        assertThat(uri.getHost()).as("loopback by default").isEqualTo("127.0.0.1");
        assertThat(uri.getPort()).isPositive();

        out.await(line -> line.startsWith("progress "), 30); // the host is held on its first progress line
        ExpositionText first = scrape(uri);
        out.release();
        String secondLine = out.await(line -> line.startsWith("progress "), 30);
        ExpositionText second = scrape(uri);
        out.release();
        run.join(50_000);

        assertThat(code.get()).as(err.toString()).isEqualTo(Xk.OK);
        ReportSchema.assertValid(report);
        assertThat(secondLine).contains("| ingest p99=").contains("| worker p99=");
        for (ExpositionText text : List.of(first, second)) {
            Set<String> declared = text.types.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.toSet());
            assertThat(declared).containsAll(DOCUMENTED);
            assertThat(text.types.keySet()).allSatisfy(name -> assertThat(name).startsWith("crosskernel_"));
            assertThat(text.series("crosskernel_run_phase")).filteredOn(s -> s.value() == 1).hasSize(1);
            assertThat(text.value("crosskernel_run_info", "scenario", "scraped", "version", "dev")).isEqualTo(1);
            for (String kernel : new String[] {"ingest", "worker"}) {
                assertThat(text.value("crosskernel_kernel_workers", "kernel", kernel, "type", "general")).isEqualTo(1);
                assertThat(text.value("crosskernel_kernel_duty_cycles_total", "kernel", kernel, "type", "general"))
                        .isPositive();
            }
            assertThat(text.value("crosskernel_channel_capacity", "from", "ingest", "to", "worker")).isPositive();
            assertThat(text.series("crosskernel_route_requests_total")).extracting(s -> s.labels().get("outcome"))
                    .containsExactlyInAnyOrder("completed", "failed", "dropped");
            assertThat(text.series("crosskernel_route_stage_latency_seconds_count"))
                    .extracting(s -> s.labels().get("stage") + "@" + s.labels().get("kernel"))
                    .containsExactly("0@ingest", "1@worker");
        }
        assertThat(first.value("crosskernel_run_phase", "phase", "measuring")).as("no warm-up").isEqualTo(1);
        assertThat(second.value("crosskernel_run_elapsed_seconds"))
                .isGreaterThan(first.value("crosskernel_run_elapsed_seconds"));
        assertThat(second.value("crosskernel_kernel_tasks_completed_total", "kernel", "worker", "type", "general"))
                .isPositive();
        assertThat(second.value("crosskernel_route_requests_generated_total", "route", "orders")).isPositive();
        // Counters (and, with no warm-up to discard latencies, summary counts) never go down between scrapes.
        for (ExpositionText.Sample later : second.samples) {
            String type = second.types.get(second.familyOf(later.name()));
            boolean monotonic = type.equals("counter") || later.name().endsWith("_count");
            if (monotonic) {
                assertThat(later.value()).as(later.toString())
                        .isGreaterThanOrEqualTo(first.value(later.name(), pairs(later)));
            }
        }
        // Stopped after the report: the port no longer answers.
        assertThatThrownBy(() -> scrape(uri)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsBadInputThatSaysWhatToDo() throws IOException {
        Path scenario = dir.resolve("scraped.yaml");
        Files.writeString(scenario, SCENARIO);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();
            int code = Xk.execute(new String[] {"run", scenario.toString(), "--metrics-port",
                    String.valueOf(taken.getLocalPort()), "--quiet"}, new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));

            assertThat(code).isEqualTo(Xk.BAD_INPUT);
            assertThat(err.toString()).contains("--metrics-port " + taken.getLocalPort()).contains("in use")
                    .contains("0 for a free one").doesNotContain("\tat ");
        }
    }

    @Test
    void portsOutOfRangeAndBadProgressModesAreBadInput() throws IOException {
        Path scenario = dir.resolve("scraped.yaml");
        Files.writeString(scenario, SCENARIO);
        for (String[] args : new String[][] {{"--metrics-port", "-1"}, {"--metrics-port", "65536"},
                {"--metrics-port", "http"}, {"--progress", "fancy"}}) {
            StringWriter err = new StringWriter();
            String[] full = {"run", scenario.toString(), args[0], args[1], "--quiet"};
            int code = Xk.execute(full, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

            assertThat(code).as(String.join(" ", args)).isEqualTo(Xk.BAD_INPUT);
            assertThat(err.toString()).as(String.join(" ", args)).contains(args[0]);
        }
    }

    private static String[] pairs(ExpositionText.Sample sample) {
        return sample.labels().entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }
}
