package dev.mskcdc.localstack.database;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import dev.mskcdc.localstack.process.LocalStackException;

/** MySQL 8.4 in a container, for real MySQL fidelity where a Docker engine exists. */
public final class TestcontainersMySql implements Database {

    public static final String IMAGE = "mysql:8.4";

    private final MySQLContainer<?> container;

    private TestcontainersMySql(MySQLContainer<?> container) {
        this.container = container;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static TestcontainersMySql start() {
        if (!dockerAvailable()) {
            throw new LocalStackException("--database=testcontainers needs a Docker engine, and none answers here."
                    + " Use the default (MariaDB from Maven Central) or --database=external.");
        }
        MySQLContainer<?> container = new MySQLContainer<>(DockerImageName.parse(IMAGE))
                .withCommand("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW", "--binlog-row-image=FULL");
        container.start();
        return new TestcontainersMySql(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(MySQLContainer.MYSQL_PORT);
    }

    @Override
    public String adminUser() {
        return "root";
    }

    @Override
    public String adminPassword() {
        return container.getPassword();
    }

    @Override
    public String description() {
        return IMAGE + " in Docker on " + host() + ":" + port();
    }

    @Override
    public void close() {
        container.stop();
    }
}
