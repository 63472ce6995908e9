package dev.mskcdc.configproviders.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache per worker JVM, shared by every provider instance (Connect creates several: worker, REST
 * validation, each connector's clients). Per key: at most one fetch in flight, the value served until its
 * fixed expiry, and the last good value kept when a refresh fails.
 */
public final class SharedCache {

    private static final Logger log = LoggerFactory.getLogger(SharedCache.class);

    /** The worker-wide instance. */
    public static final SharedCache WORKER = new SharedCache(Clock.systemUTC());

    /** Fetches a value from AWS; errors arrive already translated into a user-facing ConfigException. */
    @FunctionalInterface
    public interface Fetch<V> {
        V fetch();
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Cached<Object> current;
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    public SharedCache(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The cached value of {@code key}, fetched when absent or expired. {@code describe} names the value
     * in logs (a secret name, never its content).
     */
    @SuppressWarnings("unchecked")
    public <V> Cached<V> get(String key, String describe, Duration lifetime, Fetch<V> fetch) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        Cached<Object> fresh = freshOrNull(slot);
        if (fresh != null) {
            return (Cached<V>) fresh;
        }
        slot.lock.lock();
        try {
            // Another thread may have fetched while this one waited for the lock.
            fresh = freshOrNull(slot);
            if (fresh != null) {
                return (Cached<V>) fresh;
            }
            return (Cached<V>) refresh(slot, describe, lifetime, (Fetch<Object>) fetch);
        } finally {
            slot.lock.unlock();
        }
    }

    private Cached<Object> freshOrNull(Slot slot) {
        Cached<Object> current = slot.current;
        return current != null && clock.instant().isBefore(current.expiresAt()) ? current : null;
    }

    private Cached<Object> refresh(Slot slot, String describe, Duration lifetime, Fetch<Object> fetch) {
        Cached<Object> lastGood = slot.current;
        try {
            Object value = fetch.fetch();
            Cached<Object> fetched = new Cached<>(value, expiry(lifetime));
            slot.current = fetched;
            log.debug("Fetched {}; cached until {}", describe, fetched.expiresAt());
            return fetched;
        } catch (ConfigException e) {
            if (lastGood == null) {
                throw e;
            }
            Cached<Object> kept = new Cached<>(lastGood.value(), expiry(lifetime));
            slot.current = kept;
            log.warn(
                    "Refreshing {} failed; keeping the last good value until {}. Cause: {}",
                    describe,
                    kept.expiresAt(),
                    e.getMessage());
            return kept;
        }
    }

    private Instant expiry(Duration lifetime) {
        return clock.instant().plus(lifetime);
    }

    @Override
    public String toString() {
        return "SharedCache[entries=" + slots.size() + "]";
    }
}
