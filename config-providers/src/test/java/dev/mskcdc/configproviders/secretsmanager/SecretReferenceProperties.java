package dev.mskcdc.configproviders.secretsmanager;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.ConfigProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever Connect's reference pattern does to an ARN, the parsed reference names the same secret and key. */
class SecretReferenceProperties {

    @Property(tries = 300)
    void arnAndKeySurviveConnectsSplit(@ForAll("secretNames") String name, @ForAll("jsonKeys") String key) {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-AbCdEf";
        Map<String, String> seen = new HashMap<>();
        ConfigProvider recorder = new ConfigProvider() {
            @Override
            public void configure(Map<String, ?> configs) {}

            @Override
            public org.apache.kafka.common.config.ConfigData get(String path) {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.apache.kafka.common.config.ConfigData get(String path, Set<String> keys) {
                String connectKey = keys.iterator().next();
                SecretReference reference = SecretReference.parse(path, connectKey, "");
                seen.put("id", reference.secretId());
                seen.put("key", reference.jsonKey());
                return new org.apache.kafka.common.config.ConfigData(Map.of(connectKey, "v"));
            }

            @Override
            public void close() {}
        };

        new ConfigTransformer(Map.of("secretsmanager", recorder))
                .transform(Map.of("k", "${secretsmanager:" + arn + ":" + key + "}"));

        assertThat(seen).containsEntry("id", arn).containsEntry("key", key);
    }

    @Provide
    Arbitrary<String> secretNames() {
        return Arbitraries.strings()
                .withChars("abcXYZ019/_+=.@-")
                .ofMinLength(1)
                .ofMaxLength(40);
    }

    /** JSON keys may contain anything but the characters Connect's pattern or our selectors reserve. */
    @Provide
    Arbitrary<String> jsonKeys() {
        return Arbitraries.strings().withChars("abcXYZ019._-:/ ").ofMinLength(0).ofMaxLength(20);
    }
}
