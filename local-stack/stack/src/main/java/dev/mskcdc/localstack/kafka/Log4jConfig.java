package dev.mskcdc.localstack.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mskcdc.localstack.process.LocalStackException;

/** A reload4j configuration that sends a child JVM's log to one file, as Kafka's scripts do. */
public final class Log4jConfig {

    private Log4jConfig() {
    }

    /** Writes the configuration next to {@code logFile} and returns the JVM option that selects it. */
    public static String writeFor(Path logFile) {
        Path config = logFile.resolveSibling(logFile.getFileName() + ".log4j.properties");
        String content = String.join("\n",
                "log4j.rootLogger=INFO, file",
                "log4j.appender.file=org.apache.log4j.FileAppender",
                "log4j.appender.file.File=" + logFile,
                "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n",
                "log4j.logger.org.apache.kafka.clients=WARN",
                "log4j.logger.org.reflections=ERROR",
                "log4j.logger.org.apache.zookeeper=WARN",
                "");
        try {
            Files.writeString(config, content);
        }
        catch (IOException e) {
            throw new LocalStackException("Cannot write " + config + ": " + e.getMessage(), e);
        }
        return "-Dlog4j.configuration=" + config.toUri();
    }
}
