package dev.mskcdc.connector.preflight;

import java.util.Optional;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/**
 * A global variable Debezium 3.6.1 requires at one value: its task refuses to stream otherwise
 * ({@code BinlogSourceTask#validateBinlogConfiguration} reads binlog_format and binlog_row_image).
 */
final class RequiredVariableCheck implements Check {

    private final String variable;
    private final String wanted;

    RequiredVariableCheck(String variable, String wanted) {
        this.variable = variable;
        this.wanted = wanted;
    }

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        Optional<String> value = server.variable(variable);
        if (value.isPresent() && value.get().equalsIgnoreCase(wanted)) {
            return pass(variable + "=" + wanted);
        }
        return fail(
                variable + "=" + value.orElse("(not set)") + "; Debezium needs " + wanted,
                "RDS/Aurora: set " + variable + "=" + wanted
                        + " in the (cluster) parameter group and reboot the writer.\n"
                        + "Self-managed: SET PERSIST " + variable + "='" + wanted + "'; (or " + variable + "=" + wanted
                        + " under [mysqld] in my.cnf), then restart the connector.");
    }
}
