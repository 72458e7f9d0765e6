package io.energylakehouse.etl.curate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code curated.market_prices} held in plain Java: what {@link PriceRows} produces for a single
 * payload without Spark (the {@code parse} command). Components are null where the market has none.
 */
public record PriceRow(
        String market,
        String dataset,
        String locationId,
        String locationType,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        int intervalMinutes,
        LocalDate operatingDate,
        int hourEnding,
        Double pricePerMwh,
        Double energyPerMwh,
        Double congestionPerMwh,
        Double lossPerMwh,
        Double ghgPerMwh,
        String currency,
        Instant publishedAtUtc,
        int revision,
        String fetchId,
        List<String> dqFlags)
{
    public PriceRow
    {
        requireNonNull(market, "market is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(locationId, "locationId is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        dqFlags = List.copyOf(requireNonNull(dqFlags, "dqFlags is null"));
    }

    /** The value of a canonical column by name, as Spark would hold it (Instant, LocalDate, List for arrays). */
    public Object value(String column)
    {
        return switch (column) {
            case "market" -> market;
            case "dataset" -> dataset;
            case "location_id" -> locationId;
            case "location_type" -> locationType;
            case "interval_start_utc" -> intervalStartUtc;
            case "interval_end_utc" -> intervalEndUtc;
            case "interval_minutes" -> intervalMinutes;
            case "operating_date" -> operatingDate;
            case "hour_ending" -> hourEnding;
            case "price_per_mwh" -> pricePerMwh;
            case "energy_per_mwh" -> energyPerMwh;
            case "congestion_per_mwh" -> congestionPerMwh;
            case "loss_per_mwh" -> lossPerMwh;
            case "ghg_per_mwh" -> ghgPerMwh;
            case "currency" -> currency;
            case "published_at_utc" -> publishedAtUtc;
            case "revision" -> revision;
            case "fetch_id" -> fetchId;
            case "dq_flags" -> dqFlags;
            default -> throw new IllegalArgumentException("Cannot read column " + column + " of a price row: not a column of curated.market_prices");
        };
    }

    PriceRow withRevision(int newRevision)
    {
        return new PriceRow(market, dataset, locationId, locationType, intervalStartUtc, intervalEndUtc, intervalMinutes, operatingDate, hourEnding,
                pricePerMwh, energyPerMwh, congestionPerMwh, lossPerMwh, ghgPerMwh, currency, publishedAtUtc, newRevision, fetchId, dqFlags);
    }
}
