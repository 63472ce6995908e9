package dev.mskcdc.localstack.signals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.process.LocalStackException;

/**
 * Creates what a user creates on AWS before deploying a connector with the reference config's two signal channels:
 * the signal table (source channel, where incremental snapshots write their watermarks) with INSERT for the
 * connector user, and the signal topic with one partition (Kafka channel). Idempotent.
 */
public final class SignalProvisioning {

    private SignalProvisioning() {}

    /**
     * Creates the signal table and topic that {@code connectorConfig} names ({@code signal.data.collection},
     * {@code signal.kafka.topic}); a configuration without one of them needs nothing for it.
     */
    public static void provision(
            Database database, Admin kafka, Map<String, String> connectorConfig, String connectorUser) {
        String dataCollection = connectorConfig.get("signal.data.collection");
        if (dataCollection != null) {
            createTable(database, dataCollection, connectorUser);
        }
        String topic = connectorConfig.get("signal.kafka.topic");
        if (topic != null) {
            createTopic(kafka, topic);
        }
    }

    private static void createTable(Database database, String dataCollection, String connectorUser) {
        int dot = dataCollection.indexOf('.');
        if (dot < 1) {
            throw new LocalStackException("signal.data.collection must be <database>.<table>, not '" + dataCollection
                    + "': the local stack creates the signal table in that database.");
        }
        database.execute(
                "CREATE DATABASE IF NOT EXISTS " + dataCollection.substring(0, dot),
                "CREATE TABLE IF NOT EXISTS " + dataCollection
                        + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT)",
                "GRANT INSERT ON " + dataCollection + " TO '" + connectorUser + "'@'%'");
    }

    private static void createTopic(Admin kafka, String topic) {
        try {
            kafka.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LocalStackException(
                        "Cannot create the signal topic " + topic + ": "
                                + e.getCause().getMessage(),
                        e);
            }
        } catch (Exception e) {
            throw new LocalStackException("Cannot create the signal topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
