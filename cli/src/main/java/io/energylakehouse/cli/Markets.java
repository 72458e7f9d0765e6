package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;

import java.util.Locale;

final class Markets
{
    private Markets() {}

    static void requireCaiso(String market)
    {
        if (!"caiso".equals(market.toLowerCase(Locale.ROOT))) {
            throw LakehouseException.userError("Cannot use market '%s': available markets are [caiso]", market);
        }
    }
}
