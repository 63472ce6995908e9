package dev.mskcdc.connector.preflight;

import java.util.Optional;

import static dev.mskcdc.connector.preflight.Outcome.pass;
import static dev.mskcdc.connector.preflight.Outcome.warn;

/** With GTIDs the connector finds its position on another server after a failover; without, it cannot. */
final class GtidModeCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        Optional<String> gtidMode = server.variable("gtid_mode");
        if (gtidMode.isEmpty()) {
            return pass("the server has no gtid_mode (MariaDB keeps GTIDs in every binlog)");
        }
        if (gtidMode.get().equalsIgnoreCase("ON")) {
            return pass("gtid_mode=ON");
        }
        return warn(
                "gtid_mode=" + gtidMode.get() + ": the connector works, but after a failover to "
                        + "another server it cannot find its position",
                "Set gtid-mode=ON and enforce_gtid_consistency=ON in the (cluster) parameter group and reboot "
                        + "(MySQL moves through OFF_PERMISSIVE and ON_PERMISSIVE; Aurora MySQL 3 accepts ON directly).");
    }
}
