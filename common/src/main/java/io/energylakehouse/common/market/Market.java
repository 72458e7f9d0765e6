package io.energylakehouse.common.market;

import io.energylakehouse.common.calendar.PeakBlock;
import io.energylakehouse.common.time.MarketTime;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A market as users and jobs see it: who runs it, the clock its operating days and hours are counted in, the
 * currency and unit of its prices, its on-peak block (with its holiday rule), the clock the operator publishes its
 * files in, the environment variables that hold its credentials, and the terms its data come under.
 *
 * @param code the market code of {@code curated.market_prices.market}, e.g. {@code PJM}
 * @param operator the operator or exchange, e.g. {@code PJM Interconnection}
 * @param time operating days and hours ending: a prevailing zone with DST ({@code America/New_York}), or a fixed
 *         offset for operators that keep standard time all year (MISO and IESO: UTC-5; AEMO: UTC+10)
 * @param currency ISO 4217 code of its prices
 * @param priceUnit the unit its prices are quoted per, e.g. {@code MWh}, {@code tCO2}, {@code MMBtu}
 * @param peakBlock the on-peak block forward products and daily averages use; empty where the market has none
 *         (base only), and then peak and off-peak figures are refused
 * @param publishedClock the clock the operator's files write local times in (which may differ from the prevailing
 *         zone: MISO publishes EST all year)
 * @param credentialVariables the environment variables a live fetch reads its credentials from (never their values)
 * @param dataTerms who may receive the data, for the manifests of published datasets
 * @param referenceHub the hub basis is measured against (and forwards settle on), with its source; empty where none is set
 * @param peakClock the clock the peak block's hours are counted in: the prevailing zone of the traded contracts,
 *         which may differ from {@code time} (MISO's data stay in EST; its 5x16 block is Eastern prevailing time)
 */
public record Market(
        String code,
        String operator,
        MarketTime time,
        String currency,
        String priceUnit,
        Optional<PeakBlock> peakBlock,
        ZoneId publishedClock,
        List<String> credentialVariables,
        String dataTerms,
        Optional<ReferenceHub> referenceHub,
        ZoneId peakClock)
{
    public Market
    {
        requireNonNull(code, "code is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(time, "time is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(priceUnit, "priceUnit is null");
        requireNonNull(peakBlock, "peakBlock is null");
        requireNonNull(publishedClock, "publishedClock is null");
        credentialVariables = List.copyOf(requireNonNull(credentialVariables, "credentialVariables is null"));
        requireNonNull(dataTerms, "dataTerms is null");
        requireNonNull(referenceHub, "referenceHub is null");
        requireNonNull(peakClock, "peakClock is null");
        if (!code.equals(code.strip().toUpperCase(java.util.Locale.ROOT)) || code.isEmpty()) {
            throw new IllegalArgumentException("Cannot define market '" + code + "': a market code is upper case without spaces");
        }
    }

    /** A market without a reference hub whose peak block is counted in its own time zone. */
    public Market(String code, String operator, MarketTime time, String currency, String priceUnit, Optional<PeakBlock> peakBlock, ZoneId publishedClock,
            List<String> credentialVariables, String dataTerms)
    {
        this(code, operator, time, currency, priceUnit, peakBlock, publishedClock, credentialVariables, dataTerms, Optional.empty(), time.zone());
    }

    /** The same market with its reference hub, and the clock of its peak block. */
    public Market withReferenceHub(ReferenceHub hub, ZoneId clock)
    {
        return new Market(code, operator, time, currency, priceUnit, peakBlock, publishedClock, credentialVariables, dataTerms, Optional.of(hub), clock);
    }

    /** The reference hub, or a user error naming the market and what it lacks. */
    public ReferenceHub requireReferenceHub(String what)
    {
        return referenceHub.orElseThrow(() -> io.energylakehouse.common.LakehouseException.userError(
                "Cannot compute %s for market %s: it has no reference hub in the market registry", what, code));
    }

    public ZoneId zone()
    {
        return time.zone();
    }

    /** Price unit as users read it: {@code USD/MWh}. */
    public String priceLabel()
    {
        return currency + "/" + priceUnit;
    }

    /** The holiday rule of the peak block: NERC holidays off-peak, or none. */
    public String holidays()
    {
        return peakBlock.map(block -> block.holidays().description()).orElse("none (base only)");
    }

    /** The peak block, or a user error naming the market and what it lacks. */
    public PeakBlock requirePeakBlock(String what)
    {
        return peakBlock.orElseThrow(() -> io.energylakehouse.common.LakehouseException.userError(
                "Cannot compute %s for market %s: it has no on-peak block (base only); markets with one: %s", what, code, Markets.withPeakBlock()));
    }
}
