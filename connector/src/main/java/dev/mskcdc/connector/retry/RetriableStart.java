package dev.mskcdc.connector.retry;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.debezium.config.CommonConnectorConfig;
import io.debezium.config.Configuration;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Makes a task whose start fails on a connection error start again instead of ending FAILED.
 *
 * <p>Debezium 3.6.1 retries a failed start only when it throws Connect's {@link RetriableException}
 * ({@code BaseSourceTask.start}: "Failed to start connector, will re-attempt during polling", then every
 * {@code retriable.restart.connector.wait.ms}); {@code internal.custom.retriable.exception} applies to errors while
 * running ({@code ErrorHandler}), never to errors at start. So a network blip or a failover while the task starts,
 * for instance when Connect restarts it after a secret rotation, ended the task FAILED, and MSK Connect never
 * restarts a FAILED task. This classifies start errors with the same pattern, matched the way Debezium's
 * {@code ErrorHandler} matches it: against the whole message of each exception in the cause chain. An error the
 * pattern does not match, such as a refused password, still fails the task.
 */
public final class RetriableStart {

    private RetriableStart() {}

    /**
     * The error to throw from the task's start: {@code failure} wrapped in a {@link RetriableException} when the
     * connector's {@code internal.custom.retriable.exception} matches a message in its cause chain, else
     * {@code failure} itself.
     */
    public static RuntimeException classify(RuntimeException failure, Configuration config) {
        if (failure instanceof RetriableException) {
            return failure;
        }
        Optional<Pattern> retriable;
        try {
            retriable = Optional.ofNullable(config.getString(CommonConnectorConfig.CUSTOM_RETRIABLE_EXCEPTION))
                    .filter(pattern -> !pattern.isBlank())
                    .map(Pattern::compile);
        } catch (PatternSyntaxException invalid) {
            failure.addSuppressed(invalid);
            return failure;
        }
        if (retriable.isEmpty()) {
            return failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null
                    && retriable.get().matcher(cause.getMessage()).matches()) {
                return new RetriableException(
                        "The task's start failed on an error "
                                + CommonConnectorConfig.CUSTOM_RETRIABLE_EXCEPTION.name()
                                + " makes retriable; Debezium starts it again after retriable.restart.connector.wait.ms",
                        failure);
            }
        }
        return failure;
    }
}
