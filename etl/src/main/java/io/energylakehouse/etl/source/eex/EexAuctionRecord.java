package io.energylakehouse.etl.source.eex;

import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One auction of EEX's primary auction report, typed, with the operator's own columns ({@link EexAuctions#RAW_TABLE});
 * null where the file has no such column or the cell is empty.
 *
 * @param lineNumber the row in the sheet, 1-based as Excel shows it
 * @param auctionTime the local time of the auction as published, {@code HH:mm:ss}
 * @param status {@code successful} or {@code cancelled} as published (files since 2020), else null
 * @param auctionPrice the clearing price in EUR/tCO2, null for a cancelled auction
 */
public record EexAuctionRecord(
        int lineNumber,
        String sheetName,
        LocalDate auctionDate,
        String auctionTime,
        String auctionName,
        String contract,
        String certificate,
        String status,
        Double auctionPrice,
        Double minimumBid,
        Double maximumBid,
        Double meanPrice,
        Double medianPrice,
        double auctionVolume,
        Double totalBidVolume,
        Integer bidsSubmitted,
        Integer successfulBids,
        Double coverRatio,
        Integer bidders,
        Integer successfulBidders,
        Double totalRevenue,
        String country)
        implements RawRecord
{
    public EexAuctionRecord
    {
        requireNonNull(sheetName, "sheetName is null");
        requireNonNull(auctionDate, "auctionDate is null");
        requireNonNull(auctionName, "auctionName is null");
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, sheetName, auctionDate, auctionTime, auctionName, contract, certificate, status, auctionPrice,
                minimumBid, maximumBid, meanPrice, medianPrice, auctionVolume, totalBidVolume, bidsSubmitted, successfulBids, coverRatio, bidders,
                successfulBidders, totalRevenue, country);
    }

    /** The inverse of {@link #toRow}: the record a row of {@link EexAuctions#RAW_TABLE} holds. */
    public static EexAuctionRecord of(RawFields row)
    {
        return new EexAuctionRecord(row.integer("line_number"), row.string("sheet_name"), row.date("auction_date"), row.string("auction_time"),
                row.string("auction_name"), row.string("contract"), row.string("certificate"), row.string("status"),
                row.doubleValue("auction_price_eur_per_tco2"), row.doubleValue("minimum_bid_eur_per_tco2"), row.doubleValue("maximum_bid_eur_per_tco2"),
                row.doubleValue("mean_price_eur_per_tco2"), row.doubleValue("median_price_eur_per_tco2"), row.doubleValue("auction_volume_tco2"),
                row.doubleValue("total_bid_volume_tco2"), row.integer("bids_submitted"), row.integer("successful_bids"), row.doubleValue("cover_ratio"),
                row.integer("bidders"), row.integer("successful_bidders"), row.doubleValue("total_revenue_eur"), row.string("country"));
    }

    /** Whether EEX says the auction was cancelled (files since 2020); an earlier file has no status and no cancelled auction. */
    public boolean cancelled()
    {
        return "cancelled".equalsIgnoreCase(status);
    }
}
