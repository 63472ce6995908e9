package dev.mskcdc.packaging.benchmark;

import java.time.Duration;
import java.time.Instant;

/** Wall-clock time of a benchmark phase. */
final class Elapsed {

    private Elapsed() {}

    static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
