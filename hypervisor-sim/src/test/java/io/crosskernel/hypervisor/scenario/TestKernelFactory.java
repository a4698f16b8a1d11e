package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Kernel;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import java.util.Set;

/** A factory that only validates: settings {@code queueDepth} (a power of two) and {@code batch} (1..1024). */
final class TestKernelFactory implements KernelFactory {
    private final String type;

    TestKernelFactory(String type) {
        this.type = type;
    }

    static KernelTypes types() {
        return KernelTypes.of(new TestKernelFactory("general"), new TestKernelFactory("test"));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String description() {
        return "test-only kernel type " + type;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("queueDepth", "batch");
    }

    @Override
    public void validate(KernelSpec spec) {
        String depth = spec.settings().get("queueDepth");
        if (depth != null) {
            int value = parse("queueDepth", depth);
            if (value < 1 || Integer.bitCount(value) != 1) {
                throw new InvalidSettingException("queueDepth", "queueDepth must be a power of two, got " + depth);
            }
        }
        String batch = spec.settings().get("batch");
        if (batch != null) {
            int value = parse("batch", batch);
            if (value < 1 || value > 1024) {
                throw new InvalidSettingException("batch", "batch must be 1..1024, got " + batch);
            }
        }
    }

    private static int parse(String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, key + " must be a whole number, got '" + text + "'");
        }
    }

    @Override
    public Kernel create(KernelSpec spec) {
        throw new UnsupportedOperationException("test factory creates no kernels");
    }
}
