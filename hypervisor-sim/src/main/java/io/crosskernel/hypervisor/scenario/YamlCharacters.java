package io.crosskernel.hypervisor.scenario;

import java.nio.file.Path;

/**
 * Refuses the characters YAML does not allow in a document (YAML 1.2, "c-printable": NUL and the other control
 * characters but tab and line breaks, U+FFFE, U+FFFF, lone surrogates), naming the character and where it is. The
 * YAML reader would refuse them too, but at line 1, column 1 and without saying which.
 *
 * <p>Threading: stateless, safe from any thread.
 */
final class YamlCharacters {
    private YamlCharacters() {
    }

    /** @throws ScenarioException at the first character YAML does not allow */
    static void check(String text, Path file) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!allowed(cp)) {
                throw new ScenarioException(TextPosition.of(file, text, i), "the file contains the character "
                        + Echo.name(cp) + ", which YAML does not allow", cp == 0
                        ? "delete it; a file with a NUL between every letter is UTF-16: save it as UTF-8"
                        : "delete it, and save the file as UTF-8 text");
            }
            i += Character.charCount(cp);
        }
    }

    /** YAML 1.2's c-printable, as the YAML reader checks it. */
    static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
