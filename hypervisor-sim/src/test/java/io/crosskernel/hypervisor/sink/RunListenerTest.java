package io.crosskernel.hypervisor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RunListener#all} hands every call to every listener, in order, including methods added later. */
class RunListenerTest {

    /** A listener that writes "name:method" into {@code calls} for every call. */
    private static RunListener recording(String name, List<String> calls) {
        return (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(),
                new Class<?>[] {RunListener.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : method.invoke(name, args);
                    }
                    calls.add(name + ":" + method.getName());
                    return null;
                });
    }

    @Test
    void everyListenerMethodReachesEveryListenerInOrder() throws Exception {
        List<String> calls = new ArrayList<>();
        RunListener all = RunListener.all(List.of(recording("a", calls), recording("b", calls)));
        List<Method> methods = Arrays.stream(RunListener.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == void.class).toList(); // the one question: its own test below
        assertThat(methods).extracting(Method::getName).contains("onStarted", "onSample", "onRecordings", "onEvent");

        for (Method method : methods) {
            calls.clear();
            method.invoke(all, new Object[method.getParameterCount()]);
            assertThat(calls).as(method.getName()).containsExactly("a:" + method.getName(), "b:" + method.getName());
        }
    }

    @Test
    void aRunReadsCumulativeLatencyWhenAnyOfItsListenersDoes() {
        RunListener reads = new RunListener() {
        };
        RunListener doesNot = new RunListener() {
            @Override
            public boolean readsCumulativeLatency() {
                return false;
            }
        };
        assertThat(RunListener.NONE.readsCumulativeLatency()).isFalse();
        assertThat(RunListener.all(List.of(doesNot, doesNot)).readsCumulativeLatency()).isFalse();
        assertThat(RunListener.all(List.of(doesNot, reads)).readsCumulativeLatency()).isTrue();
        assertThat(RunListener.all(List.of(reads, doesNot)).readsCumulativeLatency()).isTrue();
    }

    @Test
    void noListenersIsNoneAndOneListenerIsItself() {
        RunListener only = new RunListener() {
        };
        assertThat(RunListener.all(List.of())).isSameAs(RunListener.NONE);
        assertThat(RunListener.all(List.of(only))).isSameAs(only);
    }
}
