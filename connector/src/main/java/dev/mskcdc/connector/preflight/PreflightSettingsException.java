package dev.mskcdc.connector.preflight;

/** The connector configuration given to the preflight is unusable; the message names the setting and the fix. */
public final class PreflightSettingsException extends IllegalArgumentException {

    public PreflightSettingsException(String message) {
        super(message);
    }
}
