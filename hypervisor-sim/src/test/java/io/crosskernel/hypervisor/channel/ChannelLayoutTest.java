package io.crosskernel.hypervisor.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * The channel object and its producer and consumer state start their own fields behind {@link CacheLinePadding} in
 * the layout this JVM chose, so a write to the object allocated before one of them never lands on a line its end
 * reads or writes per message.
 */
class ChannelLayoutTest {
    /** Mark word and compressed class pointer; a larger header only pushes the fields further in. */
    private static final int MIN_HEADER_BYTES = 12;
    private static final int PADDING_BYTES = 128;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io.crosskernel.hypervisor.channel.SpscChannel",
            "io.crosskernel.hypervisor.channel.SpscChannel$ProducerSide",
            "io.crosskernel.hypervisor.channel.SpscChannel$ConsumerSide"})
    void ownFieldsStartBehindTheFrontPadding(String className) throws ClassNotFoundException {
        ClassLayout layout = ClassLayout.parseClass(Class.forName(className));
        int own = 0;
        for (FieldLayout field : layout.fields()) {
            if (field.hostClass().endsWith(CacheLinePadding.class.getSimpleName())) {
                continue;
            }
            own++;
            assertThat(field.offset()).as("offset of %s", field.name())
                    .isGreaterThanOrEqualTo(MIN_HEADER_BYTES + PADDING_BYTES);
        }
        assertThat(own).as("fields of its own").isPositive();
    }
}
