package io.crosskernel.hypervisor.host;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import java.util.Set;

/**
 * A kernel type for tests that need a kernel of their own making: named, described, taking no settings and
 * accepting every spec; the test says what its kernels do ({@link #create}).
 */
abstract class TestKernelType implements KernelFactory {
    private final String type;
    private final String description;

    TestKernelType(String type, String description) {
        this.type = type;
        this.description = description;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public final void validate(KernelSpec spec) {
    }
}
