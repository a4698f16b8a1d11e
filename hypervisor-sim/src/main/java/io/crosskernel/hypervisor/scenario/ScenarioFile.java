package io.crosskernel.hypervisor.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a scenario file into text: at most {@link ScenarioLimits#MAX_FILE_BYTES} bytes (through a bounded read, so
 * {@code /dev/zero} or an endless pipe stops there), UTF-8 only. Every failure is a {@link ScenarioException} that
 * says what is wrong with the file in words, never in Java exception names.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class ScenarioFile {
    private ScenarioFile() {
    }

    /** @return the file's text, without a leading UTF-8 byte-order mark */
    static String read(Path file) {
        SourcePos top = new SourcePos(file, 1, 1);
        if (Files.isDirectory(file)) {
            throw new ScenarioException(top, "this is a directory, not a scenario file",
                    "name a .yaml file, for example " + file.resolve("quickstart.yaml"));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(ScenarioLimits.MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(top, "there is no such file", "check the path");
        } catch (AccessDeniedException e) {
            throw new ScenarioException(top, "the file cannot be read: permission denied",
                    "check its permissions, or copy it somewhere readable");
        } catch (FileSystemException e) {
            throw new ScenarioException(top, "the file cannot be read: " + reason(e.getReason()),
                    "check that the path names a readable file");
        } catch (IOException e) {
            throw new ScenarioException(top, "the file cannot be read: " + reason(e.getMessage()),
                    "check that the path names a readable file");
        }
        if (bytes.length > ScenarioLimits.MAX_FILE_BYTES) {
            throw ScenarioLimits.tooLarge(file, "the file is larger than");
        }
        return decode(bytes, file);
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "an input/output error" : reason.toLowerCase(Locale.ROOT);
    }

    /** UTF-8 text without its byte-order mark; UTF-16 and UTF-32 are recognised and refused by name. */
    static String decode(byte[] bytes, Path file) {
        String wide = wideEncoding(bytes);
        if (wide != null) {
            throw new ScenarioException(new SourcePos(file, 1, 1), "the file is " + wide + " text, not UTF-8",
                    "save it as UTF-8");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int bad = bytes[in.position()] & 0xFF;
            throw new ScenarioException(TextPosition.of(file, before, before.length()),
                    String.format(Locale.ROOT, "the file is not UTF-8 text: byte 0x%02X here does not form a UTF-8"
                            + " character", bad), "save it as UTF-8; it was probably saved as Latin-1 or another"
                            + " 8-bit encoding");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /**
     * @return "UTF-16" or "UTF-32" when the bytes start with that encoding's byte-order mark or, without one, when
     *     the first character is ASCII encoded in two or four bytes (a YAML file starts with ASCII); else null
     */
    static String wideEncoding(byte[] b) {
        int n = b.length;
        if (n >= 4 && ((b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF)
                || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0))) {
            return "UTF-32";
        }
        if (n >= 2 && (((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) || ((b[0] & 0xFF) == 0xFF
                && (b[1] & 0xFF) == 0xFE))) {
            return "UTF-16";
        }
        if (n >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0)
                || (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0))) {
            return "UTF-32";
        }
        if (n >= 2 && ((b[0] == 0 && b[1] != 0) || (b[0] != 0 && b[1] == 0))) {
            return "UTF-16";
        }
        return null;
    }
}
