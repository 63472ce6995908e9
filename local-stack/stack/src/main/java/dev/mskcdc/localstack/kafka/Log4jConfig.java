package dev.mskcdc.localstack.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * A reload4j configuration for a child JVM: everything to standard output, which the stack sends to the
 * process's log file, so start-up failures printed before log4j starts land in the same file.
 */
public final class Log4jConfig {

    private Log4jConfig() {}

    /** Writes the configuration next to {@code logFile} and returns the JVM option that selects it. */
    public static String writeFor(Path logFile) {
        Path config = logFile.resolveSibling(logFile.getFileName() + ".log4j.properties");
        String content = String.join(
                "\n",
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                "log4j.logger.org.apache.kafka.clients=WARN",
                "log4j.logger.org.reflections=ERROR",
                "log4j.logger.org.apache.zookeeper=WARN",
                "");
        try {
            Files.writeString(config, content);
        } catch (IOException e) {
            throw new LocalStackException("Cannot write " + config + ": " + e.getMessage(), e);
        }
        return "-Dlog4j.configuration=" + config.toUri();
    }
}
