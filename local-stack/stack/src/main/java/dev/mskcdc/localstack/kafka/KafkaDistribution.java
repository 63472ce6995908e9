package dev.mskcdc.localstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.mskcdc.localstack.process.LocalStackException;

/** The classpath of the Kafka 3.7.2 distribution (broker, Connect runtime, JSON converter, reload4j). */
public final class KafkaDistribution {

    private static final String RESOURCE = "dev/mskcdc/localstack/kafka-distribution.classpath";

    private KafkaDistribution() {}

    public static String classpath() {
        try (InputStream in = KafkaDistribution.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LocalStackException(RESOURCE + " is missing: build the project with ./mvnw package first.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new LocalStackException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
