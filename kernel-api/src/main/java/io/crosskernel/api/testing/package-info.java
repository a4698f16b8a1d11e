/**
 * A test kit for kernel types: {@link io.crosskernel.api.testing.TestKernelContext} stands in for the host and
 * {@link io.crosskernel.api.testing.TestChannel} for a channel, so that a kernel (a built-in one or a plugin's) can be
 * driven by hand from one test thread, with {@link io.crosskernel.api.ManualClock} deciding when time passes.
 *
 * <p>Part of kernel-api so that a plugin tests against the same jar it compiles against (docs/EXTENDING.md); nothing
 * in the runtime uses it. Neither class is meant for a real run: they are not thread-safe where a test does not need
 * them to be, and they allocate where the host's channels and context do not.
 */
package io.crosskernel.api.testing;
