package io.crosskernel.cli;

/** Scenario texts the CLI tests run: small, short, and able to run on a 2-core machine. Stateless. */
public final class TestScenarios {
    private TestScenarios() {
    }

    /**
     * Two {@code general} kernels, {@code ingest} on core 0 and {@code worker} on core 1 (oversubscribed, no
     * housekeeping core), and one {@code orders} stream through both.
     *
     * @param header the lines before {@code host:}: at least {@code name:} and {@code duration:}
     * @param rate   the stream's rate, e.g. {@code 5k/s}
     * @param costs  the two stages' costs, e.g. {@code 1us} and {@code 2us}
     */
    public static String ingestToWorker(String header, String rate, String ingestCost, String workerCost) {
        return header
                + "host: {oversubscribe: true, housekeeping: false}\n"
                + "kernels:\n"
                + "  - {name: ingest, type: general, cores: [0]}\n"
                + "  - {name: worker, type: general, cores: [1]}\n"
                + "workload:\n"
                + "  - name: orders\n    stream: {rate: " + rate + "}\n"
                + "    stages: [{kernel: ingest, cost: " + ingestCost + "}, {kernel: worker, cost: " + workerCost
                + "}]\n";
    }
}
