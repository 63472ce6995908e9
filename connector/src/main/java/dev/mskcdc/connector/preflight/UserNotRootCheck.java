package dev.mskcdc.connector.preflight;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;
import static dev.mskcdc.connector.preflight.Outcome.warn;

/** The connector has a user of its own with only the privileges it needs, not the master user or an administrator. */
final class UserNotRootCheck implements Check {

    private static final String CREATE_USER = "CREATE USER 'debezium'@'%' IDENTIFIED BY '<new password>';\n"
            + "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';\n"
            + "then store the user and password in the connector's Secrets Manager secret.";

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        String account = server.account();
        String user = account.substring(0, account.lastIndexOf('@'));
        if (user.equals("root") || user.equals("rdsadmin")) {
            return fail("the connector connects as " + account, CREATE_USER);
        }
        if (server.grants().isGlobalAdmin()) {
            return warn(
                    account + " has ALL PRIVILEGES or SUPER on *.* (an administrator)",
                    "Give the connector a user of its own with only the privileges in the 'grants' check:\n"
                            + CREATE_USER);
        }
        return pass("connects as " + account + ", not an administrator");
    }
}
