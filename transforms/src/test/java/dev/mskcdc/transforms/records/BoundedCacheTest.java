package dev.mskcdc.transforms.records;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedCacheTest {

    private final List<String> derived = new ArrayList<>();
    private final BoundedCache<String, String> cache = new BoundedCache<>(2, key -> {
        derived.add(key);
        if (key.equals("bad")) {
            throw new IllegalArgumentException("no route for " + key);
        }
        return key.toUpperCase();
    });

    @Test
    void derivesEachKeyOnceWhileItFits() {
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("b")).isEqualTo("B");
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get(new String("b"))).isEqualTo("B");
        assertThat(derived).containsExactly("a", "b");
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsSize() {
        cache.get("a");
        cache.get("b");
        cache.get("a");
        cache.get("c");
        cache.get(new String("a"));
        cache.get(new String("b"));
        assertThat(derived).containsExactly("a", "b", "c", "b");
    }

    @Test
    void failedDerivationIsNotCached() {
        assertThatThrownBy(() -> cache.get("bad")).hasMessage("no route for bad");
        assertThatThrownBy(() -> cache.get("bad")).hasMessage("no route for bad");
        assertThat(derived).containsExactly("bad", "bad");
    }
}
