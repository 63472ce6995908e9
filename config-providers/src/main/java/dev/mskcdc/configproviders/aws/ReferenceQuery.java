package dev.mskcdc.configproviders.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code ?name=value&...} selectors that may end a reference part, e.g. {@code prod/db?stage=AWSPREVIOUS}.
 * '?' cannot occur in secret names, parameter names or ARNs, so the split is unambiguous.
 */
public final class ReferenceQuery {

    private final String base;
    private final Map<String, String> params;

    private ReferenceQuery(String base, Map<String, String> params) {
        this.base = base;
        this.params = params;
    }

    /** Splits {@code text} at its first '?'; only names in {@code allowed} are accepted. */
    public static ReferenceQuery parse(String text, Set<String> allowed, String reference) {
        int question = text.indexOf('?');
        if (question < 0) {
            return new ReferenceQuery(text, Map.of());
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if ("ttl".equals(name)) {
                throw new ConfigException("Reference '" + reference + "': '?ttl=' is not supported. Set the provider's "
                        + "'" + AwsProviderConfig.TTL_ENABLED + "=true' and '" + AwsProviderConfig.CACHE_TTL_MS + "' "
                        + "instead: the TTL then counts down to a fixed expiry instead of restarting the connector "
                        + "every period.");
            }
            if (!allowed.contains(name) || value.isEmpty()) {
                throw new ConfigException("Reference '" + reference + "': unknown or empty selector '" + pair
                        + "'. Allowed selectors: " + allowed + ", written as ?name=value.");
            }
            params.put(name, value);
        }
        return new ReferenceQuery(text.substring(0, question), params);
    }

    public String base() {
        return base;
    }

    public Map<String, String> params() {
        return params;
    }
}
