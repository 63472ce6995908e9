package dev.mskcdc.configproviders.aws;

import java.time.Instant;

/** A fetched value and the fixed instant it stops being served from the cache. */
public final class Cached<V> {

    private final V value;
    private final Instant expiresAt;

    Cached(V value, Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    public V value() {
        return value;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "Cached[value=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
