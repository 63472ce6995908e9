package dev.mskcdc.configproviders;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ConfigProvider in this module is listed in META-INF/services, so plugin.discovery=service_load finds it. */
class ServiceRegistrationTest {

    @Test
    void everyConcreteConfigProviderIsRegistered() throws Exception {
        Path classes = Path.of(SecretsManagerConfigProvider.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> providers;
        try (Stream<Path> files = Files.walk(classes)) {
            providers = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(ServiceRegistrationTest::load)
                    .filter(c -> ConfigProvider.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                    .map(Class::getName)
                    .collect(Collectors.toSet());
        }
        Set<String> registered = registered(classes.resolve("META-INF/services/" + ConfigProvider.class.getName()));

        assertThat(providers)
                .containsExactlyInAnyOrder(
                        "dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider",
                        "dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider",
                        "dev.mskcdc.configproviders.s3.S3FileConfigProvider");
        assertThat(registered).isEqualTo(providers);
        assertThat(ServiceLoader.load(ConfigProvider.class).stream()
                        .map(p -> p.type().getName()))
                .containsAll(providers);
    }

    private static Set<String> registered(Path services) throws IOException {
        List<String> lines = Files.readAllLines(services, StandardCharsets.UTF_8);
        return lines.stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toSet());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ServiceRegistrationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
