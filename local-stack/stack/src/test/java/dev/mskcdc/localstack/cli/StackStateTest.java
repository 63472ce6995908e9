package dev.mskcdc.localstack.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StackStateTest {

    @TempDir
    Path directory;

    @Test
    void writtenStateReadsBackWithThePidKeysDownStops() throws Exception {
        StackState state = new StackState(
                11,
                12,
                13,
                14L,
                "/mariadb",
                "http://127.0.0.1:8083",
                "127.0.0.1:9092",
                "127.0.0.1",
                3307,
                "MySQL 8.0.15",
                "shop-inventory",
                "http://127.0.0.1:4566",
                "/logs");

        state.write(directory);

        assertThat(StackState.read(directory)).contains(state);
        assertThat(new ObjectMapper()
                        .readTree(directory.resolve(StackState.FILE).toFile())
                        .fieldNames())
                .toIterable()
                .filteredOn(name -> name.endsWith(".pid"))
                .containsExactly("up.pid", "connect.pid", "kafka.pid", "database.pid");
        assertThat(state.pids())
                .containsExactly(
                        java.util.Map.entry("up", 11L),
                        java.util.Map.entry("connect", 12L),
                        java.util.Map.entry("kafka", 13L),
                        java.util.Map.entry("database", 14L));
    }

    @Test
    void aDatabaseTheStackDoesNotRunHasNoPid() throws Exception {
        StackState state = new StackState(
                11,
                12,
                13,
                null,
                null,
                "http://127.0.0.1:8083",
                "127.0.0.1:9092",
                "db.example",
                3306,
                "external MySQL",
                "shop-inventory",
                "http://127.0.0.1:4566",
                "/logs");

        state.write(directory);

        assertThat(Files.readString(directory.resolve(StackState.FILE)))
                .doesNotContain("database.pid")
                .doesNotContain("mariadb.base");
        assertThat(StackState.read(directory).orElseThrow().pids()).containsOnlyKeys("up", "connect", "kafka");
    }

    @Test
    void noFileNoState() {
        assertThat(StackState.read(directory)).isEmpty();
    }
}
