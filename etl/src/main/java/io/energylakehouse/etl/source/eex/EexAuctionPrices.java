package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The curation step of EEX's auction report: one payload's auctions to rows of {@code curated.spot_prices}, in its column
 * order with {@code revision} null. Market {@code EU-ETS}; product and platform from the auction's name
 * ({@link EexAuctionProduct}); {@code trade_date} the auction day; price the clearing price in EUR/tCO2, null with status
 * {@code cancelled} for a cancelled auction (never forward-filled); volume, bid volume, bidders, successful bidders and
 * cover ratio as published.
 *
 * <p>Delivery: EU ETS primary auctions settle and deliver on the business day after the auction (T+1, EEX auction
 * rules; not stated in the files). Business days are taken as TARGET2 days (weekends, 1 January, Good Friday, Easter
 * Monday, 1 May, 25 and 26 December closed), since payment is in euro; EEX's own further non-trading days (24 and 31
 * December) are not modelled (no auction falls near them in the files). {@code delivery_end} is the day after.
 *
 * <p>Refused with a reason: an auction whose name gives no auctioning area, and a second auction of one product on one
 * day in one payload (the table's key; the files 2012..2022 have none).
 */
public final class EexAuctionPrices
{
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EexAuctionPrices.class);

    private static final Set<MonthDay> FIXED_CLOSING_DAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));

    private EexAuctionPrices() {}

    public static CanonicalRecords canonicalRecords(List<EexAuctionRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<Row> rows = new ArrayList<>(records.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<String, EexAuctionRecord> seen = new HashMap<>();
        for (EexAuctionRecord record : records) {
            Optional<EexAuctionProduct> product = EexAuctionProduct.of(record.auctionName(), record.contract(), record.certificate());
            if (product.isEmpty()) {
                rejected.add(rejected(record, null, String.format("Cannot tell the auctioning area of EEX auction '%s' on %s (line %d): its name names none",
                        record.auctionName(), record.auctionDate(), record.lineNumber())));
                continue;
            }
            String code = product.get().product();
            EexAuctionRecord earlier = seen.putIfAbsent(code + "|" + record.auctionDate(), record);
            if (earlier != null) {
                rejected.add(rejected(record, code, String.format("Cannot curate EEX auction '%s' on %s (line %d): line %d already holds an auction of %s that day",
                        record.auctionName(), record.auctionDate(), record.lineNumber(), earlier.lineNumber(), code)));
                continue;
            }
            LocalDate delivery = deliveryDay(record.auctionDate());
            rows.add(RowFactory.create(EexAuctions.SPOT_MARKET, code, record.auctionDate(), delivery, delivery.plusDays(1), record.auctionPrice(),
                    EexAuctions.CURRENCY, EexAuctions.UNIT, record.cancelled() ? "cancelled" : "settled", product.get().platform(), record.auctionVolume(),
                    record.totalBidVolume(), record.bidders(), record.successfulBidders(), record.coverRatio(), publishedAtUtc, null, fetchId, List.of()));
        }
        log.info("Curated EEX auctions of fetch {} into {}: {} rows, {} refused", fetchId, CanonicalTables.SPOT_PRICES.identifier(), rows.size(),
                rejected.size());
        return new CanonicalRecords(CanonicalTables.SPOT_PRICES, rows, rejected);
    }

    /** The business day after the auction, when the allowances are delivered (T+1). */
    public static LocalDate deliveryDay(LocalDate auctionDate)
    {
        LocalDate day = auctionDate.plusDays(1);
        while (!businessDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    static boolean businessDay(LocalDate day)
    {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY || FIXED_CLOSING_DAYS.contains(MonthDay.from(day))) {
            return false;
        }
        LocalDate easter = easterSunday(day.getYear());
        return !day.equals(easter.minusDays(2)) && !day.equals(easter.plusDays(1));
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year)
    {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int dayOfMonth = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, dayOfMonth);
    }

    private static CanonicalPrices.Rejected rejected(EexAuctionRecord record, String product, String reason)
    {
        Instant dayStart = record.auctionDate().atStartOfDay(EexAuctions.ZONE).toInstant();
        String json = String.format("{\"line_number\":%d,\"auction_date\":\"%s\",\"auction_name\":\"%s\",\"contract\":%s,\"auction_price_eur_per_tco2\":%s}",
                record.lineNumber(), record.auctionDate(), record.auctionName().replace("\"", "\\\""),
                record.contract() == null ? "null" : "\"" + record.contract().replace("\"", "\\\"") + "\"", record.auctionPrice());
        return new CanonicalPrices.Rejected(product, dayStart, reason, json);
    }
}
