package dev.kcentra.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The cluster tests' PostgreSQL (the one on 127.0.0.1:5432, database {@code test}), in a schema of their own that each
 * run starts empty, so that they never meet the data of other test runs.
 */
record ClusterDatabase(String url, String user, String password, String schema) {

    static ClusterDatabase local() {
        return new ClusterDatabase(System.getProperty("kcentra.cluster.db.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("kcentra.cluster.db.user", "postgres"),
                System.getProperty("kcentra.cluster.db.password", "postgres"),
                "kcentra_cluster");
    }

    void recreateSchema() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("The cluster tests need PostgreSQL at " + url + " (user " + user + "): " + e.getMessage(), e);
        }
    }
}
