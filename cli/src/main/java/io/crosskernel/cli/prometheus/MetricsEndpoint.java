package io.crosskernel.cli.prometheus;

import io.crosskernel.hypervisor.report.RunReport;

import io.crosskernel.hypervisor.report.MetricsSample;
import io.crosskernel.hypervisor.sink.RunListener;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code xk run --metrics-port}: serves the run's metrics at {@code /metrics} in the Prometheus text format, through
 * the Prometheus Java client's HTTP server, from its own registry ({@link MetricFamilies}; never the client's static default one, so several
 * endpoints can live in one JVM).
 *
 * <p>Threading: as a {@link RunListener} it is called on the host thread, which only publishes each immutable sample;
 * one daemon HTTP thread answers scrapes from the latest published sample. {@link #close} stops the server; call it
 * once, after the report (so the final figures can still be scraped until then).
 */
public final class MetricsEndpoint implements RunListener, AutoCloseable {
    private final LatestSample latest;
    private final HTTPServer server;
    private final ExecutorService executor;
    private final InetAddress address;

    private MetricsEndpoint(LatestSample latest, HTTPServer server, ExecutorService executor, InetAddress address) {
        this.latest = latest;
        this.server = server;
        this.executor = executor;
        this.address = address;
    }

    /**
     * Binds {@code address:port} and starts serving; before the first sample only the run's info and phase
     * ({@code booting}) are exposed.
     *
     * @param port 0 for a free port chosen by the OS (see {@link #port()})
     * @throws IOException when the port cannot be bound (in use, not permitted)
     */
    public static MetricsEndpoint start(InetAddress address, int port, String scenario, String version,
            Map<String, String> routeKinds) throws IOException {
        LatestSample latest = new LatestSample();
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new MetricFamilies(latest, scenario, version, routeKinds));
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "xk-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HTTPServer server = HTTPServer.builder().inetAddress(address).port(port).registry(registry)
                    .executorService(executor).buildAndStart();
            return new MetricsEndpoint(latest, server, executor, address);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The port the server listens on (the chosen one when started with 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code http://host:port/metrics}, for the user. */
    public String url() {
        String host = address.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/metrics";
    }

    @Override
    public void onSample(MetricsSample sample) {
        latest.publish(sample);
    }

    /**
     * Command thread, after the run: serves the final report's deadline misses by cause as well (they are known
     * only once the run has ended; docs/OBSERVABILITY.md).
     */
    public void onReport(RunReport report) {
        latest.publishReport(report);
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
