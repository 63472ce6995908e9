package dev.mskcdc.localstack.cli;

import dev.mskcdc.localstack.database.Database;

/** The demo database: a small shop, so the first events a person sees mean something. */
final class SampleSchema {

    static final String DATABASE = "inventory";
    static final String TOPIC_PREFIX = "shop";

    private SampleSchema() {}

    static void create(Database database) {
        database.execute(
                "CREATE DATABASE IF NOT EXISTS " + DATABASE,
                "CREATE TABLE IF NOT EXISTS inventory.customers (id INT AUTO_INCREMENT PRIMARY KEY,"
                        + " name VARCHAR(64) NOT NULL, email VARCHAR(128) NOT NULL UNIQUE)",
                "CREATE TABLE IF NOT EXISTS inventory.orders (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " customer_id INT NOT NULL, total DECIMAL(10,2) NOT NULL, status VARCHAR(16) NOT NULL)",
                "INSERT IGNORE INTO inventory.customers (id, name, email) VALUES"
                        + " (1, 'Ada Lovelace', 'ada@example.com'), (2, 'Grace Hopper', 'grace@example.com')",
                "INSERT IGNORE INTO inventory.orders (id, customer_id, total, status) VALUES"
                        + " (1001, 1, 42.00, 'NEW'), (1002, 2, 17.50, 'SHIPPED')");
    }
}
