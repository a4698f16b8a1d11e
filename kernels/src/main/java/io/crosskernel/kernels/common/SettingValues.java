package io.crosskernel.kernels.common;

import io.crosskernel.api.InvalidSettingException;
import java.util.Map;

/**
 * Parsing of kernel settings shared by the kernel types: every error names the key, the accepted range, what was
 * written and an example, as an {@link InvalidSettingException} the scenario reader turns into a
 * {@code file:line:column} message.
 *
 * <p>Stateless; configuration time only.
 */
public final class SettingValues {
    private SettingValues() {
    }

    /**
     * @return the whole number written for {@code key} ({@code _} separators allowed), or {@code fallback} when the
     *     key is absent
     */
    public static long wholeNumber(Map<String, String> settings, String key, long min, long max, long fallback,
            String example) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, key + " must be a whole number between " + min + " and " + max
                    + ", got '" + text + "': write for example '" + key + ": " + example + "'");
        }
        checkRange(key, value, min, max, example);
        return value;
    }

    /** @throws InvalidSettingException when {@code value} is outside {@code [min, max]} */
    public static void checkRange(String key, long value, long min, long max, String example) {
        if (value < min || value > max) {
            throw new InvalidSettingException(key, key + " must be between " + min + " and " + max + ", got "
                    + value + ": write for example '" + key + ": " + example + "'");
        }
    }
}
