package io.crosskernel.api;

/**
 * A kernel setting that is wrong. Carries the key so the scenario reader can point at the line and column where it
 * was written.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The setting key that is wrong, as written in the scenario. */
    public String key() {
        return key;
    }
}
