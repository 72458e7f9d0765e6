package io.energylakehouse.common.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Renders Trino's file-based security from the entitlements: {@code group.txt} (file group provider),
 * {@code password.db} (file password authenticator, PBKDF2) and {@code rules.json} (file-based access
 * control). Trino only reads: every user, admins included, has read-only access to the catalogs, owns no schema and
 * holds {@code SELECT} alone, so Trino refuses a write, a drop or a DDL statement after parsing and analysing it
 * (the catalog's own {@code iceberg.security=READ_ONLY} also refuses procedures); tables change only through the
 * lakehouse's commands. Table rules, first match wins:
 * <ul>
 * <li>groups with every market ({@code *}): SELECT on every table, unfiltered;</li>
 * <li>users in several groups: one rule per user with the union of their markets (a group rule matches
 * on any one group, so it could not express a union);</li>
 * <li>each group: SELECT on every table with a {@code market} column, filtered to
 * {@code market IN (...)}, and SELECT on the raw tables of its markets ({@code raw.<market>_*});</li>
 * <li>nothing else: other tables are not visible to users without every market.</li>
 * </ul>
 *
 * @param marketTables {@code schema.table} of every table that has a {@code market} column
 */
public record TrinoAccessFiles(Entitlements entitlements, List<String> marketTables, String catalog)
{
    private static final SecureRandom RANDOM = new SecureRandom();

    public TrinoAccessFiles
    {
        requireNonNull(entitlements, "entitlements is null");
        marketTables = List.copyOf(marketTables);
        requireNonNull(catalog, "catalog is null");
    }

    /**
     * Writes the three files into {@code etc}; passwords missing from {@code passwordsFile} (plain text,
     * mode 600) are generated there first. Returns the users written.
     */
    public SortedSet<String> render(Path etc, Path passwordsFile)
    {
        try {
            Map<String, String> passwords = ensurePasswords(passwordsFile);
            StringBuilder groups = new StringBuilder();
            entitlements.groups().values().forEach(group -> groups.append(group.name()).append(':').append(String.join(",", group.users())).append('\n'));
            writeAtomically(etc.resolve("group.txt"), groups.toString());
            StringBuilder passwordDb = new StringBuilder();
            for (String user : entitlements.users()) {
                passwordDb.append(user).append(':').append(PasswordHashes.hash(passwords.get(user))).append('\n');
            }
            writeAtomically(etc.resolve("password.db"), passwordDb.toString());
            writeAtomically(etc.resolve("rules.json"), rulesJson());
            return entitlements.users();
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot write Trino's access files under %s: %s", etc, FileErrors.reason(e));
        }
    }

    public String rulesJson()
    {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        String admins = entitlements.groups().values().stream().filter(Entitlements.Group::allMarkets).map(Entitlements.Group::name)
                .collect(Collectors.joining("|"));

        // Read-only for everyone, admins included: nothing of the lakehouse writes through Trino.
        ArrayNode catalogs = root.putArray("catalogs");
        catalogs.addObject().put("catalog", catalog).put("allow", "read-only");
        catalogs.addObject().put("catalog", "system").put("allow", "read-only");

        ArrayNode schemas = root.putArray("schemas");
        schemas.addObject().put("owner", false);

        ArrayNode tables = root.putArray("tables");
        if (!admins.isEmpty()) {
            tables.addObject().put("group", admins).putArray("privileges").add("SELECT");
        }
        for (String user : entitlements.users()) {
            if (entitlements.groupsOf(user).size() > 1 && entitlements.marketsOf(user).isPresent()) {
                addMarketRules(tables, "user", "^" + java.util.regex.Pattern.quote(user) + "$", entitlements.marketsOf(user).orElseThrow());
            }
        }
        for (Entitlements.Group group : entitlements.groups().values()) {
            if (!group.allMarkets()) {
                addMarketRules(tables, "group", "^" + java.util.regex.Pattern.quote(group.name()) + "$", group.markets());
            }
        }
        // Information schema and Trino's own system tables stay readable for everyone who may log in.
        ObjectNode metadata = tables.addObject().put("catalog", "system");
        metadata.putArray("privileges").add("SELECT");
        try {
            return mapper.writeValueAsString(root) + "\n";
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addMarketRules(ArrayNode tables, String subject, String pattern, SortedSet<String> markets)
    {
        String inList = markets.stream().map(market -> "'" + market + "'").collect(Collectors.joining(", "));
        for (String table : marketTables) {
            String[] parts = table.split("\\.");
            ObjectNode rule = tables.addObject().put(subject, pattern).put("catalog", catalog).put("schema", parts[0]).put("table", parts[1]);
            rule.putArray("privileges").add("SELECT");
            rule.put("filter", markets.isEmpty() ? "false" : "market IN (" + inList + ")");
        }
        for (String market : markets) {
            ObjectNode raw = tables.addObject().put(subject, pattern).put("catalog", catalog).put("schema", "raw")
                    .put("table", market.toLowerCase(Locale.ROOT) + "_.*");
            raw.putArray("privileges").add("SELECT");
        }
    }

    private Map<String, String> ensurePasswords(Path file)
            throws IOException
    {
        Map<String, String> properties = new TreeMap<>(Files.isRegularFile(file)
                ? io.energylakehouse.common.config.Settings.readProperties(file, "passwords file") : Map.of());
        Map<String, String> passwords = new TreeMap<>();
        boolean changed = false;
        for (String user : entitlements.users()) {
            String password = properties.get(user);
            if (password == null || password.isBlank()) {
                byte[] bytes = new byte[12];
                RANDOM.nextBytes(bytes);
                password = HexFormat.of().formatHex(bytes);
                properties.put(user, password);
                changed = true;
            }
            passwords.put(user, password);
        }
        if (changed || !Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> lines = new ArrayList<>();
            lines.add("# Passwords of the stack's users (generated; edit and run 'bin/lakehouse access render-trino' to change one)");
            properties.forEach((user, password) -> lines.add(user + "=" + password));
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            restrict(temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return passwords;
    }

    private static void writeAtomically(Path target, String content)
            throws IOException
    {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write(content);
        }
        restrict(temporary);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file)
            throws IOException
    {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to restrict
        }
    }
}
