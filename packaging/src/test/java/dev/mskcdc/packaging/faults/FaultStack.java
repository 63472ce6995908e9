package dev.mskcdc.packaging.faults;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.database.DatabaseChoice;
import dev.mskcdc.localstack.database.LocalServer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fault test class's own local stack, registered with {@code @RegisterExtension} on a static field: started before
 * the class's tests on the server it names ({@link FaultHarness#commitsWithoutFsync}) with an empty database
 * {@code faults}, stopped after them. Its own, because the tests kill its parts.
 */
final class FaultStack implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final Supplier<LocalServer.Builder<?, ?>> server;
    private LocalStack stack;
    private FaultHarness harness;

    /**
     * A stack in directory {@code name} on the server {@code server} supplies when the class starts; the supplier may
     * abort the class with an assumption (a server the run's engine cannot give).
     */
    FaultStack(String name, Supplier<LocalServer.Builder<?, ?>> server) {
        this.name = name;
        this.server = server;
    }

    /** A stack on the run's engine ({@code -Dmskcdc.database}, MySQL 8.0 by default). */
    static FaultStack onTheChosenDatabase(String name) {
        return new FaultStack(name, FaultStack::chosenLocalServer);
    }

    /**
     * The run's engine as a server the stack runs itself. A fault test stops, kills and reconfigures that server, so
     * with {@code -Dmskcdc.database=testcontainers} or {@code external} the class is skipped (an assumption), not
     * failed.
     */
    static LocalServer.Builder<?, ?> chosenLocalServer() {
        String choice = LocalStackExtension.databaseChoice();
        assumeTrue(
                DatabaseChoice.isLocal(choice),
                "fault tests need a server the stack runs itself (-Dmskcdc.database=mysql or mariadb), not " + choice);
        return DatabaseChoice.localServer("mskcdc.database", choice);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = LocalStackExtension.configuredBuilder(name)
                .localServer(FaultHarness.commitsWithoutFsync(server.get()))
                .start();
        stack.database().recreateDatabase("faults");
        harness = new FaultHarness(stack);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
        }
    }

    LocalStack stack() {
        return stack;
    }

    FaultHarness harness() {
        return harness;
    }
}
