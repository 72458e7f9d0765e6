package io.energylakehouse.common.access;

import io.energylakehouse.common.LakehouseException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Which users may see which markets: groups with a list of markets (or all) and their members. One model
 * for every door to the data: Trino's group file and row filters are rendered from it, and
 * {@code download-url} checks it before presigning a URL.
 */
public record Entitlements(SortedMap<String, Group> groups)
{
    public static final String ALL_MARKETS = "*";
    private static final Pattern KEY = Pattern.compile("group\\.([a-z][a-z0-9_]*)\\.(markets|users)");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]*");
    private static final Pattern MARKET = Pattern.compile("[A-Z][A-Z0-9_-]*");

    /** A group: its markets ({@code *} for all) and its users. */
    public record Group(String name, SortedSet<String> markets, SortedSet<String> users)
    {
        public Group
        {
            requireNonNull(name, "name is null");
            markets = new TreeSet<>(markets);
            users = new TreeSet<>(users);
        }

        public boolean allMarkets()
        {
            return markets.contains(ALL_MARKETS);
        }
    }

    public Entitlements
    {
        groups = new TreeMap<>(groups);
    }

    public static Entitlements load(Path file)
    {
        return parse(io.energylakehouse.common.config.Settings.readProperties(file, "entitlements file"), file.toString());
    }

    public static Entitlements parse(Map<String, String> values, String origin)
    {
        SortedMap<String, SortedSet<String>> markets = new TreeMap<>();
        SortedMap<String, SortedSet<String>> users = new TreeMap<>();
        values.forEach((key, value) -> {
            Matcher matcher = KEY.matcher(key);
            if (!matcher.matches()) {
                throw LakehouseException.userError("Cannot read entitlements %s: key '%s' is not group.<name>.markets or group.<name>.users", origin, key);
            }
            SortedSet<String> items = Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(item -> !item.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (matcher.group(2).equals("markets")) {
                for (String market : items) {
                    if (!market.equals(ALL_MARKETS) && !MARKET.matcher(market).matches()) {
                        throw LakehouseException.userError("Cannot read entitlements %s: market '%s' of group %s is not an upper-case market code or *",
                                origin, market, matcher.group(1));
                    }
                }
                markets.put(matcher.group(1), items);
            }
            else {
                for (String user : items) {
                    if (!NAME.matcher(user).matches()) {
                        throw LakehouseException.userError("Cannot read entitlements %s: user name '%s' of group %s must be lower-case letters, digits, '.', '_' or '-'",
                                origin, user, matcher.group(1));
                    }
                }
                users.put(matcher.group(1), items);
            }
        });
        SortedMap<String, Group> groups = new TreeMap<>();
        SortedSet<String> names = new TreeSet<>(markets.keySet());
        names.addAll(users.keySet());
        for (String name : names) {
            if (!markets.containsKey(name)) {
                throw LakehouseException.userError("Cannot read entitlements %s: group %s has users but no group.%s.markets", origin, name, name);
            }
            groups.put(name, new Group(name, markets.get(name), users.getOrDefault(name, new TreeSet<>())));
        }
        return new Entitlements(groups);
    }

    public SortedSet<String> users()
    {
        return groups.values().stream().flatMap(group -> group.users().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    public SortedSet<String> groupsOf(String user)
    {
        return groups.values().stream().filter(group -> group.users().contains(user)).map(Group::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The markets a user may see; empty when none; {@link Optional#empty()} stands for every market. */
    public Optional<SortedSet<String>> marketsOf(String user)
    {
        SortedSet<String> markets = new TreeSet<>();
        for (Group group : groups.values()) {
            if (group.users().contains(user)) {
                if (group.allMarkets()) {
                    return Optional.empty();
                }
                markets.addAll(group.markets());
            }
        }
        return Optional.of(markets);
    }

    public boolean mayRead(String user, String market)
    {
        return marketsOf(user).map(markets -> markets.contains(market.toUpperCase(Locale.ROOT))).orElse(true);
    }

    /** Throws a user error that says why, when {@code user} may not read {@code market}. */
    public void checkMayRead(String user, String market)
    {
        if (!users().contains(user)) {
            throw new LakehouseException(io.energylakehouse.common.ErrorCode.USER_ERROR,
                    "Cannot grant access to " + market + " data: user '" + user + "' is not in any group of the entitlements");
        }
        if (!mayRead(user, market)) {
            throw new LakehouseException(io.energylakehouse.common.ErrorCode.USER_ERROR,
                    "Cannot grant access to " + market + " data: user '" + user + "' (groups " + groupsOf(user) + ") is entitled to "
                            + marketsOf(user).orElseThrow() + " only");
        }
    }
}
