package io.crosskernel.hypervisor.host;

import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.KernelSpec;
import java.util.Set;

/** The part every test kernel type shares: a name, no settings, nothing to validate. */
abstract class NoSettingsKernelFactory implements KernelFactory {
    private final String type;

    NoSettingsKernelFactory(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String description() {
        return "test kernel " + type;
    }

    @Override
    public final Set<String> settingKeys() {
        return Set.of();
    }

    @Override
    public final void validate(KernelSpec spec) {
    }
}
