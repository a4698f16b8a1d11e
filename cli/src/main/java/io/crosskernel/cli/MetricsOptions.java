package io.crosskernel.cli;

import io.crosskernel.cli.prometheus.MetricsEndpoint;
import io.crosskernel.hypervisor.scenario.Scenario;
import io.crosskernel.hypervisor.scenario.WorkloadDecl;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code xk run}'s Prometheus options: validates them and starts the endpoint. Not thread-safe (the command's). */
final class MetricsOptions {
    static final int MAX_PORT = 65_535;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics for the whole run "
                    + "(0 picks a free port and prints it).")
    Integer port;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint listens on (default: ${DEFAULT-VALUE}, loopback only; "
                    + "0.0.0.0 for every interface).")
    String bind;

    /**
     * Starts the endpoint when {@code --metrics-port} was given and prints where it listens; null otherwise.
     *
     * @throws BadInputException for a port out of range, an unknown address, or a port that cannot be bound
     */
    MetricsEndpoint start(Scenario scenario, String version, PrintWriter out) {
        if (port == null) {
            return null;
        }
        if (port < 0 || port > MAX_PORT) {
            throw new BadInputException("--metrics-port must be between 0 and " + MAX_PORT
                    + " (0 picks a free port), got " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new BadInputException("--metrics-bind: unknown address '" + bind
                    + "'; give an IP address such as 127.0.0.1");
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        for (WorkloadDecl workload : scenario.workloads()) {
            kinds.put(workload.route().name(), workload.route().kind());
        }
        MetricsEndpoint endpoint;
        try {
            endpoint = MetricsEndpoint.start(address, port, scenario.name(), version, kinds);
        } catch (BindException e) {
            throw new BadInputException("--metrics-port " + port + ": cannot listen on " + bind + ":" + port + " ("
                    + e.getMessage() + "); the port is probably in use: choose another, or 0 for a free one");
        } catch (IOException e) {
            throw new BadInputException("--metrics-port " + port + ": cannot listen on " + bind + ":" + port + ": "
                    + e.getMessage());
        }
        out.println("metrics: serving Prometheus metrics at " + endpoint.url());
        out.flush();
        return endpoint;
    }
}
