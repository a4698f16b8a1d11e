/*
 * The machine's own floor for a real-time kernel: a native busy loop pinned to one CPU that takes a release every
 * millisecond, spins 50 us of "work" after each, and reports how late it saw each release (the same figure
 * IsolationBenchmark reports for its periodic task). No JVM, no GC, no JIT: what is left is the OS and, on a VM, the
 * hypervisor. Run it with a busy loop on the other core to see what a loaded neighbour costs:
 *
 *   gcc -O2 -o /tmp/release-lateness bench/tools/release-lateness.c
 *   taskset -c 0 sh -c 'while :; do :; done' & /tmp/release-lateness 1 30; kill $!
 *
 * Arguments: the CPU to pin to, the seconds to run. Linux only.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t now_nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *) a;
    uint64_t y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s CPU SECONDS\n", argv[0]);
        return 2;
    }
    int cpu = atoi(argv[1]);
    int releases = atoi(argv[2]) * 1000;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) {
        perror("sched_setaffinity");
        return 3;
    }
    uint64_t *late = malloc((size_t) releases * sizeof *late);
    if (late == NULL || releases <= 0) {
        fprintf(stderr, "need a positive number of seconds\n");
        return 2;
    }
    uint64_t first = now_nanos() + 1000000;
    for (int i = 0; i < releases; i++) {
        uint64_t release = first + (uint64_t) i * 1000000;
        uint64_t t;
        while ((t = now_nanos()) < release) {
        }
        late[i] = t - release;
        uint64_t done = t + 50000;
        while (now_nanos() < done) {
        }
    }
    qsort(late, (size_t) releases, sizeof *late, by_value);
    printf("cpu %d, %d releases of 1 ms: lateness p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us\n", cpu,
           releases, late[releases / 2] / 1e3, late[(int) (releases * 0.99)] / 1e3,
           late[(int) (releases * 0.999)] / 1e3, late[releases - 1] / 1e3);
    free(late);
    return 0;
}
