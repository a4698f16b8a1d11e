package io.crosskernel.kernels.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {
    private static final int MAX_FRAME = 64;

    record Frame(long requestId, byte[] payload) {
        RecordingSink.Request expected() {
            return new RecordingSink.Request(requestId, 0, payload.length, headOf(payload));
        }
    }

    /** Decoded frames, recorded with receivedNanos 0 so they compare with {@link Frame#expected()}. */
    private static final class Collector implements FrameDecoder.FrameHandler {
        final List<RecordingSink.Request> frames = new ArrayList<>();

        @Override
        public void onFrame(long requestId, int payloadLength, long payloadHead) {
            frames.add(new RecordingSink.Request(requestId, 0, payloadLength, payloadHead));
        }
    }

    static byte[] encode(List<Frame> frames) {
        int size = frames.stream().mapToInt(f -> 12 + f.payload().length).sum();
        ByteBuffer out = ByteBuffer.allocate(size);
        for (Frame f : frames) {
            out.putInt(8 + f.payload().length).putLong(f.requestId()).put(f.payload());
        }
        return out.array();
    }

    static long headOf(byte[] payload) {
        byte[] padded = new byte[8];
        System.arraycopy(payload, 0, padded, 0, Math.min(8, payload.length));
        return ByteBuffer.wrap(padded).getLong();
    }

    /** Feeds {@code bytes} in chunks of the given sizes (the rest in one chunk), decoding after each append. */
    static Collector decodeInChunks(FrameDecoder decoder, byte[] bytes, List<Integer> chunkSizes, int maxFrames) {
        Collector collector = new Collector();
        int offset = 0;
        int chunk = 0;
        while (offset < bytes.length) {
            int size = chunk < chunkSizes.size() ? chunkSizes.get(chunk++) : bytes.length - offset;
            ByteBuffer piece = ByteBuffer.wrap(bytes, offset, Math.min(size, bytes.length - offset));
            offset += piece.remaining();
            while (piece.hasRemaining()) {
                int appended = decoder.append(piece);
                do {
                    decoder.decode(collector, maxFrames);
                } while (decoder.hasCompleteFrame());
                if (appended == 0) { // every complete frame was decoded before this append: there must be room
                    throw new AssertionError("decoder buffer full without a complete frame");
                }
            }
        }
        return collector;
    }

    @Property(tries = 400)
    void anySplitOfAStreamDecodesToTheSameFrames(@ForAll("frames") List<Frame> frames,
                                                 @ForAll("chunkSizes") List<Integer> chunkSizes,
                                                 @ForAll("maxFramesPerDecode") int maxFrames,
                                                 @ForAll("bufferSlack") int slack) {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 4 + MAX_FRAME + slack);
        Collector collector = decodeInChunks(decoder, encode(frames), chunkSizes, maxFrames);

        assertThat(collector.frames).containsExactlyElementsOf(frames.stream().map(Frame::expected).toList());
        assertThat(decoder.failed()).isFalse();
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Provide
    Arbitrary<List<Frame>> frames() {
        Arbitrary<Frame> frame = Combinators.combine(
                Arbitraries.longs(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_FRAME - 8)).as(Frame::new);
        return frame.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 200).list().ofMaxSize(80);
    }

    @Provide
    Arbitrary<Integer> maxFramesPerDecode() {
        return Arbitraries.of(1, 2, 3, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<Integer> bufferSlack() {
        return Arbitraries.of(0, 1, 7, 100, 4096);
    }

    @Test
    void decodesSeveralFramesFromOneAppend() {
        List<Frame> frames = List.of(new Frame(1, new byte[0]), new Frame(2, new byte[] {9}),
                new Frame(3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 4096);
        decoder.append(ByteBuffer.wrap(encode(frames)));
        Collector collector = new Collector();

        assertThat(decoder.decode(collector, Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(collector.frames).extracting(RecordingSink.Request::payloadHead)
                .containsExactly(0L, 0x0900000000000000L, 0x0102030405060708L);
    }

    @Test
    void holdsFramesBeyondTheLimitForTheNextDecode() {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 4096);
        decoder.append(ByteBuffer.wrap(encode(List.of(new Frame(1, new byte[0]), new Frame(2, new byte[0])))));
        Collector collector = new Collector();

        assertThat(decoder.decode(collector, 1)).isEqualTo(1);
        assertThat(decoder.hasCompleteFrame()).isTrue();
        assertThat(decoder.decode(collector, 1)).isEqualTo(1);
        assertThat(decoder.hasCompleteFrame()).isFalse();
        assertThat(collector.frames).extracting(RecordingSink.Request::requestId).containsExactly(1L, 2L);
    }

    @Test
    void failsOnALengthAboveTheMaximum() {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 4096);
        ByteBuffer bytes = ByteBuffer.allocate(4 + 12).putInt(8).putLong(42).putInt(MAX_FRAME + 1).flip();
        decoder.append(bytes);
        Collector collector = new Collector();

        assertThat(decoder.decode(collector, Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(decoder.failed()).isTrue();
        assertThat(decoder.offendingLength()).isEqualTo(MAX_FRAME + 1);
        assertThat(decoder.decode(collector, Integer.MAX_VALUE)).isZero();
    }

    @Test
    void failsOnALengthTooShortForTheRequestId() {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 4096);
        decoder.append(ByteBuffer.allocate(8).putInt(7).flip());
        assertThat(decoder.decode(new Collector(), 10)).isZero();
        assertThat(decoder.failed()).isTrue();
    }

    @Test
    void resetForgetsBytesAndFailure() {
        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, 4096);
        decoder.append(ByteBuffer.allocate(4).putInt(-1).flip());
        decoder.decode(new Collector(), 10);
        decoder.reset();

        assertThat(decoder.failed()).isFalse();
        assertThat(decoder.pendingBytes()).isZero();
        decoder.append(ByteBuffer.wrap(encode(List.of(new Frame(5, new byte[0])))));
        assertThat(decoder.decode(new Collector(), 10)).isEqualTo(1);
    }
}
