package dev.mskcdc.localstack.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A server's global variables as the admin user reads them, for the engine tests. */
final class GlobalVariables {

    private GlobalVariables() {}

    static String of(Database database, String name) throws SQLException {
        try (Connection connection = database.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            row.next();
            return row.getString(2);
        }
    }
}
