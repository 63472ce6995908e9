package dev.mskcdc.configproviders.aws;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Name/ARN patterns a provider may read, so a connector author cannot read every secret the role can. */
public final class Allowlist {

    /** Validates the patterns of {@link AwsProviderConfig#ALLOWLIST}. */
    static final ConfigDef.Validator PATTERNS = ConfigDef.LambdaValidator.with(
            (name, value) -> {
                for (Object item : (List<?>) value) {
                    if (item.toString().isBlank() || item.toString().chars().anyMatch(Character::isWhitespace)) {
                        throw new ConfigException(name, value, "Patterns must not be blank or contain spaces");
                    }
                }
            },
            () -> "comma-separated name/ARN patterns, '*' matches any characters");

    private final List<String> patterns;
    private final List<Pattern> compiled;

    public Allowlist(List<String> patterns) {
        this.patterns =
                patterns.stream().map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toList());
        this.compiled = this.patterns.stream().map(Allowlist::glob).collect(Collectors.toList());
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    public boolean allows(String resource) {
        return compiled.isEmpty()
                || compiled.stream().anyMatch(p -> p.matcher(resource).matches());
    }

    /** Fails with the setting to change when {@code resource} is outside the list. */
    public void check(String resource, String providerName) {
        if (!allows(resource)) {
            throw new ConfigException("The " + providerName + " reference '" + resource
                    + "' is not in this provider's '"
                    + AwsProviderConfig.ALLOWLIST + "' " + patterns + ". Reference an allowed name or ARN, or ask the "
                    + "worker administrator to add a pattern to config.providers.<name>.param."
                    + AwsProviderConfig.ALLOWLIST + ".");
        }
    }

    @Override
    public String toString() {
        return "Allowlist" + patterns;
    }
}
