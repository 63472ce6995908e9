package dev.mskcdc.configproviders.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

import dev.mskcdc.awsclient.AwsClientConfig;
import dev.mskcdc.awsclient.AwsClientSettings;
import dev.mskcdc.awsclient.AwsCredentials;
import dev.mskcdc.awsclient.AwsErrors;

/**
 * The plumbing shared by the AWS providers: configuration with aliases, lazily built credentials, the
 * worker-wide cache, the allowlist and the optional TTL. {@code configure()} only parses settings; the first
 * credential lookup and AWS call happen at the first {@code get()}.
 *
 * @param <R> the parsed reference
 * @param <V> the object fetched from AWS (a secret, a parameter, a downloaded file)
 */
public abstract class AwsConfigProvider<R extends AwsReference, V> implements ConfigProvider {

    private final SharedCache cache;
    private final ConfigDef configDef;
    private final String serviceName;
    private final String endpointPrefix;
    private AwsProviderConfig config;
    private Allowlist allowlist;
    private AwsErrors errors;
    private AwsCredentials credentials;
    private String cacheScope;

    /**
     * @param configDef the provider's full ConfigDef (the common settings plus its own)
     * @param serviceName the service as users name it, for messages
     * @param endpointPrefix names the service's VPC endpoint in error messages, e.g. "secretsmanager"
     */
    protected AwsConfigProvider(SharedCache cache, ConfigDef configDef, String serviceName, String endpointPrefix) {
        this.cache = cache;
        this.configDef = configDef;
        this.serviceName = serviceName;
        this.endpointPrefix = endpointPrefix;
    }

    /** Parses the parts Connect split {@code ${provider:path:key}} into; {@code path} may be null. */
    protected abstract R parse(String path, String key);

    /** Fetches the object from AWS; errors are thrown as translated ConfigExceptions. */
    protected abstract V fetch(R reference);

    /** Extracts the value the reference asks for from the fetched object. */
    protected abstract String extract(R reference, V fetched);

    /** Called once the settings are parsed; must not call AWS. */
    protected void configureProvider(AwsProviderConfig config) {}

    @Override
    public final void configure(Map<String, ?> props) {
        config = new AwsProviderConfig(configDef, PropertyAliases.normalize(props, configDef));
        checkTtlLifetime(config);
        allowlist = new Allowlist(config.allowlist());
        errors = new AwsErrors(
                config.client(),
                serviceName,
                endpointPrefix,
                "config.providers.<name>.param.",
                ": values are cached per worker for '" + AwsProviderConfig.CACHE_TTL_MS + "'");
        cacheScope = cacheScope(config.client());
        configureProvider(config);
    }

    /**
     * A TTL makes Connect restart the connector each time it runs out ({@code WorkerConfigTransformer}); with a
     * shorter cache lifetime (0 turns the cache off: a TTL of 1 ms) that is a restart loop.
     */
    private static void checkTtlLifetime(AwsProviderConfig config) {
        if (config.ttlEnabled() && config.cacheTtl().compareTo(AwsProviderConfig.MINIMUM_TTL_LIFETIME) < 0) {
            throw new ConfigException(AwsProviderConfig.TTL_ENABLED + "=true with " + AwsProviderConfig.CACHE_TTL_MS
                    + "=" + config.cacheTtl().toMillis() + " would restart every connector that uses this provider"
                    + " every " + config.cacheTtl().toMillis() + " ms: set " + AwsProviderConfig.CACHE_TTL_MS
                    + " to at least " + AwsProviderConfig.MINIMUM_TTL_LIFETIME.toMillis() + ", or "
                    + AwsProviderConfig.TTL_ENABLED + "=false");
        }
    }

    private String cacheScope(AwsClientConfig client) {
        String externalId =
                client.roleExternalId() == null ? "" : client.roleExternalId().value();
        return String.join(
                        "|",
                        getClass().getName(),
                        client.region(),
                        client.endpoint(),
                        client.accessKeyId(),
                        client.roleArn(),
                        externalId,
                        client.roleSessionName(),
                        client.stsEndpoint())
                + "|";
    }

    protected final AwsProviderConfig config() {
        if (config == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is used before configure()");
        }
        return config;
    }

    /** Applies the client settings to a service client builder. */
    protected final AwsClientSettings clientSettings() {
        return new AwsClientSettings(config().client());
    }

    /** The credentials, created at the first call that needs them. */
    protected final synchronized AwsCredentials credentials() {
        if (credentials == null) {
            credentials = new AwsCredentials(config().client(), clientSettings());
        }
        return credentials;
    }

    /** Translates the service's SDK errors; built by {@code configure()}. */
    protected final AwsErrors errors() {
        config();
        return errors;
    }

    @Override
    public ConfigData get(String path) {
        throw new ConfigException(serviceName + " provider: reference a single value as ${<provider>:"
                + (path == null ? "" : path) + ":<key>}; listing every value under a path is not supported.");
    }

    /**
     * Reads each fetched object once per call, so all keys of it come from one version: {@code @VersionId} and
     * {@code password} of a secret must not straddle a rotation when the cache entry expires between two keys.
     */
    @Override
    public ConfigData get(String path, Set<String> keys) {
        AwsProviderConfig settings = config();
        Map<String, Cached<V>> reads = new HashMap<>();
        Map<String, String> data = new HashMap<>();
        Instant earliestExpiry = null;
        for (String key : keys) {
            R reference = parse(path, key);
            Cached<V> cached =
                    reads.computeIfAbsent(reference.cacheKey(), cacheKey -> cached(reference, settings.cacheTtl()));
            data.put(key, extract(reference, cached.value()));
            if (earliestExpiry == null || cached.expiresAt().isBefore(earliestExpiry)) {
                earliestExpiry = cached.expiresAt();
            }
        }
        return configData(data, earliestExpiry);
    }

    protected final Cached<V> cached(R reference, Duration lifetime) {
        allowlist.check(reference.resource(), serviceName);
        return cache.get(
                cacheScope + reference.cacheKey(),
                serviceName + " '" + reference.resource() + "'",
                lifetime,
                () -> fetch(reference));
    }

    /** No TTL unless opted in: any TTL makes Connect restart the connector when it runs out. */
    protected final ConfigData configData(Map<String, String> data, Instant expiry) {
        if (!config().ttlEnabled() || expiry == null) {
            return new ConfigData(data);
        }
        long remaining = Duration.between(cache.clock().instant(), expiry).toMillis();
        return new ConfigData(data, Math.max(1L, remaining));
    }

    @Override
    public void close() {
        AwsCredentials toClose;
        synchronized (this) {
            toClose = credentials;
            credentials = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[region="
                + (config == null ? "?" : config.client().region()) + ", endpoint="
                + (config == null ? "?" : config.client().endpoint()) + "]";
    }
}
