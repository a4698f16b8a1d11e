package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.KernelFactory;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The kernel types a scenario may name: {@link KernelFactory} implementations by their {@link KernelFactory#type()}.
 *
 * <p>Threading: immutable after construction, safe from any thread.
 */
public final class KernelTypes {
    private final Map<String, KernelFactory> byType;

    private KernelTypes(Map<String, KernelFactory> byType) {
        this.byType = Collections.unmodifiableMap(byType);
    }

    /**
     * Every factory {@link ServiceLoader} finds on the class path.
     *
     * @throws IllegalStateException when two factories claim the same type
     */
    public static KernelTypes load() {
        Map<String, KernelFactory> byType = new TreeMap<>();
        for (KernelFactory factory : ServiceLoader.load(KernelFactory.class)) {
            put(byType, factory);
        }
        return new KernelTypes(byType);
    }

    /**
     * Exactly these factories (tests, embedding).
     *
     * @throws IllegalStateException when two factories claim the same type
     */
    public static KernelTypes of(KernelFactory... factories) {
        Map<String, KernelFactory> byType = new TreeMap<>();
        for (KernelFactory factory : factories) {
            put(byType, factory);
        }
        return new KernelTypes(byType);
    }

    private static void put(Map<String, KernelFactory> byType, KernelFactory factory) {
        KernelFactory previous = byType.putIfAbsent(factory.type(), factory);
        if (previous != null) {
            throw new IllegalStateException("kernel type '" + factory.type() + "' is provided twice: by "
                    + previous.getClass().getName() + " and by " + factory.getClass().getName());
        }
    }

    /** @return the factory for {@code type}, or null if no factory provides it */
    public KernelFactory get(String type) {
        return byType.get(type);
    }

    /** @return the known type names, sorted */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byType.keySet()));
    }
}
