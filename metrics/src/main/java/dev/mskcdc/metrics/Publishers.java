package dev.mskcdc.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One publisher per connector in the worker JVM, however many transform instances Connect creates for it
 * (one per task, and a new one on every task restart): the first {@link #acquire} starts it, the last
 * {@link #release} stops it.
 */
final class Publishers {

    static final Publishers WORKER = new Publishers(config -> {
        CloudWatchPublisher publisher = new CloudWatchPublisher(config);
        publisher.start();
        return publisher;
    });

    private static final class Entry {
        final AutoCloseable publisher;
        int references;

        Entry(AutoCloseable publisher) {
            this.publisher = publisher;
        }
    }

    private final Function<MetricsConfig, AutoCloseable> factory;
    private final Map<String, Entry> entries = new HashMap<>();

    Publishers(Function<MetricsConfig, AutoCloseable> factory) {
        this.factory = factory;
    }

    synchronized void acquire(MetricsConfig config) {
        entries.computeIfAbsent(config.publisherKey(), key -> new Entry(factory.apply(config))).references++;
    }

    synchronized void release(MetricsConfig config) {
        Entry entry = entries.get(config.publisherKey());
        if (entry == null || --entry.references > 0) {
            return;
        }
        entries.remove(config.publisherKey());
        try {
            entry.publisher.close();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping the CloudWatch metrics publisher failed", e);
        }
    }

    synchronized int running() {
        return entries.size();
    }
}
