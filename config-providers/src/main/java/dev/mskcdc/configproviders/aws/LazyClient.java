package dev.mskcdc.configproviders.aws;

import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkClient;

/**
 * A provider's service client, built at its first use (never in {@code configure()}) and closed with the provider.
 *
 * @param <C> the service client
 */
public final class LazyClient<C extends SdkClient> {

    private final Supplier<C> build;
    private C client;

    public LazyClient(Supplier<C> build) {
        this.build = build;
    }

    public synchronized C get() {
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
