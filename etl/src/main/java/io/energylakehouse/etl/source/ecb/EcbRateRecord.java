package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One cell of an ECB reference-rate file: a currency's rate on a date, as published.
 *
 * @param member the file the cell is in: the payload itself, or a member of its zip
 * @param lineNumber the line of the cell's row (CSV) or of its {@code Cube} element (XML)
 * @param rateText the value as published: a decimal such as {@code 163.36}, or {@code N/A} (not quoted that day)
 */
public record EcbRateRecord(String member, int lineNumber, LocalDate rateDate, String currency, String rateText)
        implements RawRecord
{
    public EcbRateRecord
    {
        requireNonNull(member, "member is null");
        requireNonNull(rateDate, "rateDate is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(rateText, "rateText is null");
    }

    /** Whether the ECB quoted the currency that day ({@code N/A} says it did not). */
    public boolean isQuoted()
    {
        return !rateText.equals(EcbRates.NOT_QUOTED);
    }

    /** The rate as an exact decimal; empty when not quoted. The parser only makes records whose text is N/A or a decimal. */
    public Optional<BigDecimal> unitsPerEur()
    {
        return isQuoted() ? Optional.of(new BigDecimal(rateText)) : Optional.empty();
    }

    /** The rate at the scale of {@link CanonicalTables#RATE_TYPE}, when it fits there exactly. */
    Optional<BigDecimal> storable()
    {
        return unitsPerEur().filter(EcbRateRecord::fits).map(rate -> rate.setScale(CanonicalTables.RATE_TYPE.scale()));
    }

    /** Whether {@code rate} is held exactly by decimal(20,8): at most 8 decimals and 12 integer digits. */
    static boolean fits(BigDecimal rate)
    {
        BigDecimal stripped = rate.stripTrailingZeros();
        int scale = CanonicalTables.RATE_TYPE.scale();
        return stripped.scale() <= scale && stripped.precision() - stripped.scale() <= CanonicalTables.RATE_TYPE.precision() - scale;
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, member, lineNumber, rateDate, currency, rateText, storable().orElse(null));
    }
}
