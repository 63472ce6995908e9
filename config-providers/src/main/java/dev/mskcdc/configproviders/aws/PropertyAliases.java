package dev.mskcdc.configproviders.aws;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mskcdc.awsclient.AwsClientConfig;

/**
 * Property names of the aws-samples msk-config-providers and jcustenborder kafka-config-provider-aws
 * providers, accepted so that switching to ours is a change of class name.
 */
public final class PropertyAliases {

    private static final Logger log = LoggerFactory.getLogger(PropertyAliases.class);

    public static final String NOT_FOUND_STRATEGY = "NotFoundStrategy";

    /** Alias name to our name, in documentation order. */
    public static final Map<String, String> ALIASES = aliases();

    /** Which provider each alias comes from, for the documentation. */
    public static final Map<String, String> ORIGINS = origins();

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("aws.region", AwsClientConfig.REGION);
        aliases.put("aws.endpoint.url", AwsClientConfig.ENDPOINT);
        aliases.put("aws.access.key", AwsClientConfig.ACCESS_KEY_ID);
        aliases.put("aws.secret.key", AwsClientConfig.SECRET_ACCESS_KEY);
        aliases.put("secret.ttl.ms", AwsProviderConfig.CACHE_TTL_MS);
        aliases.put("secret.prefix", "name.prefix");
        aliases.put("RawSecretEncoding", "whole.secret.encoding");
        aliases.put("local_dir", "download.dir");
        return Collections.unmodifiableMap(aliases);
    }

    private static Map<String, String> origins() {
        Map<String, String> origins = new LinkedHashMap<>();
        origins.put("aws.region", "jcustenborder");
        origins.put("aws.endpoint.url", "jcustenborder");
        origins.put("aws.access.key", "jcustenborder");
        origins.put("aws.secret.key", "jcustenborder");
        origins.put("secret.ttl.ms", "jcustenborder");
        origins.put("secret.prefix", "jcustenborder");
        origins.put("RawSecretEncoding", "aws-samples");
        origins.put("local_dir", "aws-samples");
        return Collections.unmodifiableMap(origins);
    }

    private PropertyAliases() {}

    /**
     * Returns the properties with every alias known to {@code definition} renamed to our name.
     * An alias and our name with different values is an error: silently picking one would hide a typo.
     */
    public static Map<String, Object> normalize(Map<String, ?> props, ConfigDef definition) {
        Map<String, Object> result = new HashMap<>(props);
        rejectIgnoreStrategy(result);
        for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
            String aliasName = alias.getKey();
            String ourName = alias.getValue();
            if (!result.containsKey(aliasName) || !definition.names().contains(ourName)) {
                continue;
            }
            Object value = result.remove(aliasName);
            Object ours = result.get(ourName);
            if (ours != null && !Objects.equals(String.valueOf(ours), String.valueOf(value))) {
                throw new ConfigException("Both '" + aliasName + "' and '" + ourName + "' are set with different "
                        + "values; '" + aliasName + "' is an alias of '" + ourName + "'. Remove one of them.");
            }
            log.info("Provider property '{}' is read as its alias '{}'", aliasName, ourName);
            result.put(ourName, value);
        }
        return result;
    }

    /**
     * aws-samples' NotFoundStrategy=ignore turns a missing secret into an empty string, which then reaches
     * the database as an empty password. We always fail instead, so only 'fail' is accepted.
     */
    private static void rejectIgnoreStrategy(Map<String, Object> props) {
        Object strategy = props.remove(NOT_FOUND_STRATEGY);
        if (strategy != null
                && !"fail".equalsIgnoreCase(String.valueOf(strategy).trim())) {
            throw new ConfigException(
                    NOT_FOUND_STRATEGY,
                    strategy,
                    "Only 'fail' is supported: a missing secret or "
                            + "key always fails with an error naming it, never an empty string. Remove the setting.");
        }
    }
}
