package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The ECB connector's curation step, pure Java: the cells of one payload to rows of {@code curated.fx_rates}.
 * <ul>
 * <li>{@code N/A} (a currency not quoted that day) makes no row: no rate is not a rate of 0. The cell stays in the raw
 * table with its text, so nothing received is lost, and it is not quarantined (it is what the ECB says, not an error).</li>
 * <li>A rate is the published decimal, exact ({@link BigDecimal} end to end, stored at decimal(20,8)); one that is not
 * positive, or that decimal(20,8) cannot hold exactly, is refused with its reason.</li>
 * <li>One date and currency twice in a payload with the same value is one row flagged
 * {@link MarketPrices#DUPLICATE_ROWS_COLLAPSED}; with different values every cell of it is refused.</li>
 * <li>{@code published_at_utc} of a rate of date D is D 16:00 Europe/Berlin ({@link EcbRates#publishedAt}): the files say
 * no time. (The shared curation never dates a later revision before the payload that brought it.)</li>
 * </ul>
 * Row order is the payload's irrelevant: rows come out by date, then currency.
 */
public final class EcbFxRates
{
    private EcbFxRates() {}

    public static CanonicalRecords canonicalRecords(List<EcbRateRecord> records, String fetchId)
    {
        Map<Key, List<EcbRateRecord>> cells = new TreeMap<>();
        for (EcbRateRecord record : records) {
            if (record.isQuoted()) {
                cells.computeIfAbsent(new Key(record.rateDate(), record.currency()), key -> new ArrayList<>()).add(record);
            }
        }
        List<Row> rows = new ArrayList<>(cells.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (Map.Entry<Key, List<EcbRateRecord>> cell : cells.entrySet()) {
            Key key = cell.getKey();
            List<EcbRateRecord> same = cell.getValue();
            Map<BigDecimal, List<EcbRateRecord>> values = new LinkedHashMap<>();
            same.forEach(record -> values.computeIfAbsent(record.unitsPerEur().orElseThrow().stripTrailingZeros(), value -> new ArrayList<>()).add(record));
            if (values.size() > 1) {
                String said = same.stream().sorted(Comparator.comparing(EcbRateRecord::member).thenComparingInt(EcbRateRecord::lineNumber))
                        .map(record -> record.member() + " line " + record.lineNumber() + ": " + record.rateText()).collect(Collectors.joining(", "));
                for (EcbRateRecord record : same) {
                    rejected.add(refused(key, record, "the payload holds " + key.currency() + " on " + key.rateDate() + " " + same.size()
                            + " times with different rates (" + said + ")"));
                }
                continue;
            }
            EcbRateRecord first = same.get(0);
            BigDecimal rate = first.unitsPerEur().orElseThrow();
            if (rate.signum() <= 0) {
                rejected.add(refused(key, first, key.currency() + " on " + key.rateDate() + " is " + first.rateText() + ": not a rate (units per EUR must be positive)"));
                continue;
            }
            if (!EcbRateRecord.fits(rate)) {
                rejected.add(refused(key, first, key.currency() + " on " + key.rateDate() + " is " + first.rateText() + ": more digits than "
                        + CanonicalTables.FX_RATES.identifier() + ".units_per_eur (" + CanonicalTables.RATE_TYPE.simpleString() + ") holds exactly"));
                continue;
            }
            List<String> flags = same.size() > 1 ? List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED) : List.of();
            rows.add(RowFactory.create(key.rateDate(), key.currency(), rate.setScale(CanonicalTables.RATE_TYPE.scale()), EcbRates.MARKET,
                    EcbRates.publishedAt(key.rateDate()), null, fetchId, flags));
        }
        return new CanonicalRecords(CanonicalTables.FX_RATES, rows, rejected);
    }

    private static CanonicalPrices.Rejected refused(Key key, EcbRateRecord record, String reason)
    {
        return new CanonicalPrices.Rejected(key.currency(), EcbRates.TIME.dayStart(key.rateDate()), record.member() + " line " + record.lineNumber() + ": " + reason,
                record.rateDate() + "," + record.currency() + "," + record.rateText());
    }

    private record Key(LocalDate rateDate, String currency)
            implements Comparable<Key>
    {
        @Override
        public int compareTo(Key other)
        {
            int byDate = rateDate.compareTo(other.rateDate);
            return byDate != 0 ? byDate : currency.compareTo(other.currency);
        }
    }
}
