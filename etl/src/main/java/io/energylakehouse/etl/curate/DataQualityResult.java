package io.energylakehouse.etl.curate;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code curated.data_quality} held in plain Java: what {@link PriceRows#dataQualityResults} finds for a
 * location and operating day, by the rules of {@link MarketPrices#dataQualityResults}.
 */
public record DataQualityResult(
        String market,
        String dataset,
        LocalDate operatingDate,
        String checkName,
        String locationId,
        long expectedCount,
        long observedCount,
        String detail)
{
    public DataQualityResult
    {
        requireNonNull(market, "market is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(operatingDate, "operatingDate is null");
        requireNonNull(checkName, "checkName is null");
        requireNonNull(locationId, "locationId is null");
    }

    /** The value of a {@code curated.data_quality} column by name, as Spark would hold it. */
    public Object value(String column)
    {
        return switch (column) {
            case "market" -> market;
            case "dataset" -> dataset;
            case "operating_date" -> operatingDate;
            case "check_name" -> checkName;
            case "location_id" -> locationId;
            case "expected_count" -> expectedCount;
            case "observed_count" -> observedCount;
            case "detail" -> detail;
            default -> throw new IllegalArgumentException("Cannot read column " + column + " of a data-quality result: not a column of curated.data_quality");
        };
    }
}
