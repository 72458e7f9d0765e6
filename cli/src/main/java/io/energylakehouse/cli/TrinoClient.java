package io.energylakehouse.cli;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.StackConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/** Connections to Trino for one user, and the errors Trino gives turned into one line that says what to do. */
record TrinoClient(String url, String user, String password)
{
    TrinoClient
    {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** The user from the option, else $LAKEHOUSE_USER, else {@code lakehouse}; the password from $LAKEHOUSE_PASSWORD, else the stack's passwords file. */
    static TrinoClient forUser(LakehouseConfig config, String userOption)
    {
        String url = config.stack().trinoUrl().orElseThrow(() -> LakehouseException.userError(
                "Cannot query Trino: %s is not set (start the stack with 'bin/lakehouse stack up', or use --engine spark)", StackConfig.TRINO_URL));
        String user = userOption != null ? userOption : System.getenv().getOrDefault("LAKEHOUSE_USER", "lakehouse");
        return new TrinoClient(url, user, password(config, user));
    }

    static String password(LakehouseConfig config, String user)
    {
        String fromEnvironment = System.getenv("LAKEHOUSE_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        Path file = config.stack().passwordsFile().map(Path::of).orElse(null);
        if (file != null && Files.isReadable(file)) {
            String password = io.energylakehouse.common.config.Settings.readProperties(file, "passwords file").get(user);
            if (password != null) {
                return password;
            }
        }
        throw LakehouseException.userError("Cannot authenticate user '%s': set LAKEHOUSE_PASSWORD (no password for this user in %s)", user, file);
    }

    Connection connect()
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("timezone", "UTC");
        try {
            return DriverManager.getConnection(url, properties);
        }
        catch (SQLException e) {
            throw explain(e, null);
        }
    }

    /** One line naming Trino, the user and what to do; the SQL state and Trino's own message when it answered. */
    LakehouseException explain(SQLException exception, String query)
    {
        String messages = causes(exception);
        String server = url.replaceFirst("^jdbc:trino://", "").replaceFirst("[/?].*$", "");
        if (messages.contains("Connection refused") || messages.contains("Failed to connect") || messages.contains("ConnectException")) {
            return new LakehouseException(ErrorCode.EXTERNAL_SERVICE,
                    "Cannot reach Trino at " + server + ": connection refused; start it with 'bin/lakehouse stack up' (status: 'bin/lakehouse stack status')", exception);
        }
        if (messages.contains("Authentication failed") || messages.contains("Unauthorized") || messages.contains("401")) {
            return new LakehouseException(ErrorCode.USER_ERROR,
                    "Cannot log in to Trino at " + server + " as '" + user + "': wrong user name or password (check LAKEHOUSE_PASSWORD or var/stack/secrets/passwords.properties)", exception);
        }
        if (messages.contains("Access Denied")) {
            // Trino decided after parsing and analysing the statement: a write, a drop or DDL (every user only reads),
            // or a table outside the user's markets.
            return new LakehouseException(ErrorCode.USER_ERROR, "Cannot run the query as '" + user + "': " + firstLine(exception.getMessage())
                    + " (through Trino every user only reads, and only the markets conf/entitlements.properties gives them; "
                    + "tables change through ingest, curate, publish and maintain)", exception);
        }
        return new LakehouseException(ErrorCode.USER_ERROR, "Cannot run the query on Trino at " + server + ": " + firstLine(exception.getMessage())
                + (query == null ? "" : " (query: " + abbreviate(query) + ")"), exception);
    }

    private static String causes(Throwable throwable)
    {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = throwable; cause != null && text.length() < 10_000; cause = cause.getCause()) {
            text.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }

    /** Trino's first line, without the JDBC driver's {@code Query failed (#id): } in front. */
    private static String firstLine(String message)
    {
        return message == null ? "" : message.lines().findFirst().orElse("").replaceFirst("^Query failed \\(#[^)]*\\): ", "");
    }

    private static String abbreviate(String query)
    {
        String flat = query.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
