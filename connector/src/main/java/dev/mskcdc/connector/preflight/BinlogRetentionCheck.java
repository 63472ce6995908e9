package dev.mskcdc.connector.preflight;

import java.sql.SQLException;
import java.util.List;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;
import static dev.mskcdc.connector.preflight.Outcome.warn;

/**
 * Binlogs kept long enough for the connector to resume after an outage without a new snapshot: RDS/Aurora's
 * 'binlog retention hours' where the server has mysql.rds_configuration, else binlog_expire_logs_seconds.
 */
final class BinlogRetentionCheck implements Check {

    /** Below this the connector cannot survive a weekend outage without a new snapshot. */
    private static final long MINIMUM_RETENTION_HOURS = 24;

    private static final long RECOMMENDED_RETENTION_HOURS = 72;

    private static final int NO_SUCH_TABLE = 1146;

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        List<List<String>> rows;
        try {
            rows = server.rows("SELECT value FROM mysql.rds_configuration WHERE name = 'binlog retention hours'", 1);
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_TABLE) {
                return expireLogsRetention(server);
            }
            return warn(
                    "cannot read mysql.rds_configuration as " + settings.user() + ": " + ServerView.firstLine(e),
                    "As the master user, run CALL mysql.rds_show_configuration; and make "
                            + "'binlog retention hours' at least " + RECOMMENDED_RETENTION_HOURS + ".");
        }
        return rdsRetention(rows.isEmpty() ? null : rows.get(0).get(0));
    }

    private Outcome rdsRetention(String hours) {
        String fix = "CALL mysql.rds_set_configuration('binlog retention hours', " + RECOMMENDED_RETENTION_HOURS + ");";
        if (hours == null || hours.isBlank() || hours.equalsIgnoreCase("NULL")) {
            return fail(
                    "RDS/Aurora 'binlog retention hours' is NULL: binlogs are purged as soon as "
                            + "possible, so a connector that stops for a few minutes may have to snapshot again",
                    fix);
        }
        long value = Long.parseLong(hours.strip());
        if (value < MINIMUM_RETENTION_HOURS) {
            return fail(
                    "RDS/Aurora 'binlog retention hours' is " + value + " (less than " + MINIMUM_RETENTION_HOURS + ")",
                    fix);
        }
        return pass("RDS/Aurora keeps binlogs for " + value + " hours");
    }

    private Outcome expireLogsRetention(ServerView server) {
        long seconds =
                Long.parseLong(server.variable("binlog_expire_logs_seconds").orElse("0"));
        long days =
                Long.parseLong(server.variable("expire_logs_days").orElse("0").replaceAll("\\..*", ""));
        long effective = seconds > 0 ? seconds : days * 86_400;
        if (effective == 0) {
            return pass("binlogs never expire (binlog_expire_logs_seconds=0): watch the disk");
        }
        if (effective < MINIMUM_RETENTION_HOURS * 3600) {
            return fail(
                    "binlogs expire after " + effective + " s (less than " + MINIMUM_RETENTION_HOURS + " h)",
                    "SET PERSIST binlog_expire_logs_seconds = " + RECOMMENDED_RETENTION_HOURS * 3600 + ";");
        }
        return pass("binlogs kept for " + effective / 3600 + " hours");
    }
}
