package dev.mskcdc.transforms.records;

import java.util.function.Function;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;

/**
 * What a transform derives from an input it sees again and again (a key schema, a topic name, a table),
 * kept in Kafka's {@code SynchronizedCache} over an {@code LRUCache}, as Kafka's ReplaceField and Cast keep
 * their derived schemas: a connector with more inputs than {@code size} recomputes the least recently used
 * instead of growing without bound. The last hit is checked by identity first, without the lock: Debezium
 * reuses one schema instance per table and consecutive records mostly come from one table. (Such a hit does
 * not refresh the entry's LRU position; evicted, it is derived again once another key came in between.)
 */
public final class BoundedCache<K, V> {

    private record Hit<K, V>(K key, V value) {}

    private final Cache<K, V> cache;
    private final Function<K, V> derive;
    private volatile Hit<K, V> last;

    /** {@code derive} must not return null; it may throw, and then nothing is cached. */
    public BoundedCache(int size, Function<K, V> derive) {
        this.cache = new SynchronizedCache<>(new LRUCache<>(size));
        this.derive = derive;
    }

    public V get(K key) {
        Hit<K, V> hit = last;
        if (hit != null && hit.key() == key) {
            return hit.value();
        }
        V value = cache.get(key);
        if (value == null) {
            value = derive.apply(key);
            cache.put(key, value);
        }
        last = new Hit<>(key, value);
        return value;
    }
}
