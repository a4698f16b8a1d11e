package io.crosskernel.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * The envelope's padding really lies behind its fields in the layout this JVM chose: HotSpot orders fields by size,
 * so padding declared as longs used to sit between the longs and the ints and left {@code stage} as the object's last
 * four bytes, next to whatever was allocated after it.
 */
class EnvelopeLayoutTest {
    private static final int PADDING_BYTES = 128;

    @Test
    void everyFieldEndsAtLeast128BytesBeforeTheObjectEnds() {
        ClassLayout layout = ClassLayout.parseClass(Envelope.class);
        long end = layout.instanceSize();
        int fields = 0;
        for (FieldLayout field : layout.fields()) {
            if (field.name().matches("p\\d{3}")) {
                continue;
            }
            fields++;
            assertThat(field.offset() + field.size()).as("end of %s", field.name())
                    .isLessThanOrEqualTo(end - PADDING_BYTES);
        }
        assertThat(fields).as("the envelope's own fields").isEqualTo(7);
    }
}
