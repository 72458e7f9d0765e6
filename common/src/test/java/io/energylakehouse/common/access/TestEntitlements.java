package io.energylakehouse.common.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestEntitlements
{
    private static final Entitlements DESKS = Entitlements.parse(Map.of(
            "group.admins.markets", "*",
            "group.admins.users", "lakehouse",
            "group.caiso_desk.markets", "CAISO",
            "group.caiso_desk.users", "alice, carol",
            "group.ercot_desk.markets", "ERCOT",
            "group.ercot_desk.users", "bob,carol"), "test");

    @Test
    void marketsAreTheUnionOfAUsersGroups()
    {
        assertThat(DESKS.marketsOf("alice")).contains(new java.util.TreeSet<>(Set.of("CAISO")));
        assertThat(DESKS.marketsOf("carol")).contains(new java.util.TreeSet<>(Set.of("CAISO", "ERCOT")));
        assertThat(DESKS.marketsOf("lakehouse")).isEqualTo(Optional.empty());
        assertThat(DESKS.marketsOf("mallory")).contains(new java.util.TreeSet<>());
        assertThat(DESKS.mayRead("bob", "caiso")).isFalse();
        assertThat(DESKS.mayRead("lakehouse", "PJM")).isTrue();
    }

    @Test
    void refusalsSayWhy()
    {
        assertThatThrownBy(() -> DESKS.checkMayRead("bob", "CAISO"))
                .hasMessage("Cannot grant access to CAISO data: user 'bob' (groups [ercot_desk]) is entitled to [ERCOT] only");
        assertThatThrownBy(() -> DESKS.checkMayRead("mallory", "CAISO"))
                .hasMessage("Cannot grant access to CAISO data: user 'mallory' is not in any group of the entitlements");
        assertThatThrownBy(() -> Entitlements.parse(Map.of("group.x.users", "a"), "f.properties"))
                .isInstanceOf(LakehouseException.class).hasMessageContaining("group x has users but no group.x.markets");
        assertThatThrownBy(() -> Entitlements.parse(Map.of("group.x.markets", "caiso"), "f.properties"))
                .hasMessageContaining("market 'caiso' of group x is not an upper-case market code");
        assertThatThrownBy(() -> Entitlements.parse(Map.of("groups.x.markets", "CAISO"), "f.properties"))
                .hasMessageContaining("key 'groups.x.markets'");
    }

    @Test
    void trinoRulesFilterRowsPerGroupAndUnionForUsersInSeveralGroups(@TempDir Path etc)
            throws IOException
    {
        TrinoAccessFiles files = new TrinoAccessFiles(DESKS, List.of("curated.market_prices", "published.hub_prices_daily"), "lakehouse");
        Path passwords = etc.resolve("secrets/passwords.properties");
        assertThat(files.render(etc, passwords)).containsExactly("alice", "bob", "carol", "lakehouse");

        assertThat(Files.readString(etc.resolve("group.txt"))).isEqualTo("admins:lakehouse\ncaiso_desk:alice,carol\nercot_desk:bob,carol\n");
        JsonNode rules = new ObjectMapper().readTree(etc.resolve("rules.json").toFile());
        List<String> filters = new ArrayList<>();
        for (JsonNode rule : rules.get("tables")) {
            String subject = rule.has("user") ? "user " + rule.get("user").asText() : rule.has("group") ? "group " + rule.get("group").asText() : "anyone";
            filters.add(subject + " " + rule.path("schema").asText("*") + "." + rule.path("table").asText("*") + " " + rule.path("filter").asText(""));
        }
        assertThat(filters).startsWith("group admins *.* ");
        // Trino only reads, for every user: read-only catalogs, no schema owner, SELECT and nothing else.
        assertThat(rules.get("catalogs")).allSatisfy(rule -> assertThat(rule.get("allow").asText()).isEqualTo("read-only"));
        assertThat(rules.get("catalogs")).extracting(rule -> rule.get("catalog").asText()).containsExactly("lakehouse", "system");
        assertThat(rules.get("schemas")).allSatisfy(rule -> assertThat(rule.get("owner").asBoolean()).isFalse());
        assertThat(rules.get("tables")).allSatisfy(rule -> assertThat(rule.get("privileges")).extracting(JsonNode::asText).containsExactly("SELECT"));
        // carol's rule comes before the group rules: Trino applies the first rule that matches.
        assertThat(filters.indexOf("user ^\\Qcarol\\E$ curated.market_prices market IN ('CAISO', 'ERCOT')"))
                .isPositive()
                .isLessThan(filters.indexOf("group ^\\Qcaiso_desk\\E$ curated.market_prices market IN ('CAISO')"));
        assertThat(filters).contains("group ^\\Qercot_desk\\E$ published.hub_prices_daily market IN ('ERCOT')", "group ^\\Qcaiso_desk\\E$ raw.caiso_.* ");

        // Passwords are generated once, kept, and the password file holds only their hashes.
        String generated = Files.readString(passwords);
        files.render(etc, passwords);
        assertThat(Files.readString(passwords)).isEqualTo(generated);
        String alicePassword = generated.lines().filter(line -> line.startsWith("alice=")).findFirst().orElseThrow().substring("alice=".length());
        Path passwordDb = etc.resolve("password.db");
        assertThat(Files.readString(passwordDb)).doesNotContain(alicePassword);
        PasswordHashes.authenticate(passwordDb, "alice", alicePassword);
        assertThatThrownBy(() -> PasswordHashes.authenticate(passwordDb, "alice", "guess"))
                .hasMessageStartingWith("Cannot authenticate user 'alice': unknown user or wrong password");
        assertThat(Files.getPosixFilePermissions(passwords)).hasSize(2);
    }

    @Test
    void passwordHashesHaveTrinosPbkdf2Form()
    {
        String hash = PasswordHashes.hash("s3cret");
        String[] parts = hash.split(":");
        assertThat(parts).hasSize(3);
        assertThat(Integer.parseInt(parts[0])).isGreaterThanOrEqualTo(1000);
        assertThat(parts[1]).matches("[0-9a-f]{32}");
        assertThat(parts[2]).matches("[0-9a-f]{64}");
        assertThat(PasswordHashes.matches("s3cret", hash)).isTrue();
        assertThat(PasswordHashes.matches("s3cret!", hash)).isFalse();
        assertThat(PasswordHashes.hash("s3cret")).isNotEqualTo(hash);
    }
}
