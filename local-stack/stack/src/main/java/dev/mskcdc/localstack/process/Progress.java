package dev.mskcdc.localstack.process;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** Progress lines for a person watching the stack start; silent in tests unless asked for. */
public final class Progress {

    private static final Duration WAITING_LINE_EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private Instant lastWaitingLine = Instant.EPOCH;

    private Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress to(PrintStream out) {
        return new Progress(out);
    }

    public static Progress silent() {
        return new Progress(null);
    }

    public void step(String message) {
        if (out != null) {
            out.println("[local-stack] " + message);
        }
    }

    void waiting(String what) {
        if (out != null && Instant.now().isAfter(lastWaitingLine.plus(WAITING_LINE_EVERY))) {
            lastWaitingLine = Instant.now();
            out.println("[local-stack]   ... waiting for " + what);
        }
    }
}
