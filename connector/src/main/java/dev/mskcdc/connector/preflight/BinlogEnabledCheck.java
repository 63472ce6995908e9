package dev.mskcdc.connector.preflight;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/** Without a binary log there is nothing to stream. */
final class BinlogEnabledCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        if (server.isOn("log_bin")) {
            return pass("log_bin=ON");
        }
        return fail(
                "the binary log is off (log_bin=" + server.variable("log_bin").orElse("OFF")
                        + "): there is nothing to stream",
                "RDS MySQL: enable automated backups (backup retention period > 0), which turns the binlog on.\n"
                        + "Aurora MySQL: set binlog_format=ROW in the DB CLUSTER parameter group and reboot the writer.\n"
                        + "Self-managed: add log-bin=mysql-bin to [mysqld] in my.cnf and restart.");
    }
}
