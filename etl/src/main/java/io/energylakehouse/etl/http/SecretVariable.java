package io.energylakehouse.etl.http;

import io.energylakehouse.common.LakehouseException;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * An environment variable that holds a secret, and what the user must put there. Secrets only ever come from
 * the environment, read through a function so tests can supply their own.
 *
 * @param name the variable, e.g. {@code PJM_API_KEY}
 * @param description what it holds, for the error when it is missing, e.g. "a Data Miner 2 subscription key"
 */
public record SecretVariable(String name, String description)
{
    public SecretVariable
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
    }

    /**
     * The variable's value; a missing or blank variable is a user error naming the variable and the market,
     * e.g. "Cannot fetch PJM: set PJM_API_KEY (a Data Miner 2 subscription key)".
     */
    public String read(String market, Function<String, String> environment)
    {
        requireNonNull(market, "market is null");
        requireNonNull(environment, "environment is null");
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw LakehouseException.userError("Cannot fetch %s: set %s (%s)", market, name, description);
        }
        return value.strip();
    }
}
