package dev.mskcdc.localstack.process;

/** A failure to start or drive the local stack, with a message that says what to do about it. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
