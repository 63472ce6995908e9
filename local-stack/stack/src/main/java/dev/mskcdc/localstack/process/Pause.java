package dev.mskcdc.localstack.process;

import java.time.Duration;

/** Sleeping between polls, turning an interrupt into a stack failure that says what was awaited. */
public final class Pause {

    private Pause() {}

    public static void between(Duration duration, String awaiting) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for " + awaiting, e);
        }
    }
}
