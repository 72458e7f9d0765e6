package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import java.time.ZoneId;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

/**
 * What the EEX EU ETS primary auctions connector names once: its source and report codes, the scheme its prices belong
 * to in {@code curated.spot_prices}, and its raw table (the operator's own columns, typed, one row per auction).
 */
public final class EexAuctions
{
    private EexAuctions() {}

    /** The registry entry ({@link Markets#EEX}) the connector runs under, for quarantine rows. */
    public static final String MARKET = "EEX";
    /** Source code of the payloads in {@code raw.fetch_log}. */
    public static final String SOURCE = "eex-auctions";
    /** The name users type after {@code --report}. */
    public static final String REPORT_NAME = "eua_primary_auction";
    /** The report's name at EEX: its "Emission Spot Primary Market Auction Report". */
    public static final String REQUEST_NAME = "emission-spot-primary-market-auction-report";
    /** The dataset its quarantine rows carry. */
    public static final String DATASET = "eua_primary_auction";
    /** The scheme the auction prices belong to in {@code curated.spot_prices.market}. */
    public static final String SPOT_MARKET = "EU-ETS";
    public static final String CURRENCY = "EUR";
    public static final String UNIT = "tCO2";
    /** Auction dates and times in the files are EEX's local (Leipzig) dates and times. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    public static final TableSpec RAW_TABLE = TableSpec.builder("raw", "eex_eua_primary_auction",
                    "EEX Emission Spot Primary Market Auction Report (yearly .xls to 2019, .xlsx since) as published: one row per auction, the "
                    + "operator's own columns found by header text (17 columns in 2012, 59 in 2022); the per-member-state revenue split and the "
                    + "bid-size statistics are not landed (their bytes stay in the raw store)")
            .required("fetch_id", StringType, "raw.fetch_log row of the file this auction came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("line_number", IntegerType, "Row in the sheet, 1-based as Excel shows it")
            .required("sheet_name", StringType, "Sheet the row is on, e.g. Primary Market Auction")
            .required("auction_date", DateType, "Date: the auction day (Europe/Berlin); also the operating date")
            .optional("auction_time", StringType, "Time / Auction Time: local time of the auction's close as published, HH:mm:ss (Europe/Berlin)")
            .required("auction_name", StringType, "Auction Name as published: EU, DE, EU (TCAP), Auction 3. Period CAP2-EU, EUAA Auction CAP3 PL, ...")
            .optional("contract", StringType, "Contract: T3PA (EUA phase 3 and 4), T2PA (EUA phase 2), EAA2 / EAA3 (aviation allowances)")
            .optional("certificate", StringType, "Certificate (2016 files only): EUA or EUAA")
            .optional("status", StringType, "Status (files since 2020): successful or cancelled; null in earlier files")
            .optional("auction_price_eur_per_tco2", DoubleType, "Auction Price: the clearing price, EUR/tCO2; null for a cancelled auction")
            .optional("minimum_bid_eur_per_tco2", DoubleType, "Minimal Price / Minimum Bid, EUR/tCO2")
            .optional("maximum_bid_eur_per_tco2", DoubleType, "Maximal Price / Maximum Bid, EUR/tCO2")
            .optional("mean_price_eur_per_tco2", DoubleType, "Mean (Price), EUR/tCO2")
            .optional("median_price_eur_per_tco2", DoubleType, "Median (Price), EUR/tCO2")
            .required("auction_volume_tco2", DoubleType, "Auction Volume: allowances offered, tCO2")
            .optional("total_bid_volume_tco2", DoubleType, "Total Amount of Bids, tCO2")
            .optional("bids_submitted", IntegerType, "Number of bids submitted (files since 2017)")
            .optional("successful_bids", IntegerType, "Number of successful bids (files since 2017)")
            .optional("cover_ratio", DoubleType, "Cover Ratio: bid volume over auction volume, as published")
            .optional("bidders", IntegerType, "Total Number of Bidders")
            .optional("successful_bidders", IntegerType, "Number of Successful Bidders")
            .optional("total_revenue_eur", DoubleType, "Total Revenue, EUR")
            .optional("country", StringType, "Country: the auctioning area code (EU, DE, PL, XI, ...); absent in 2016")
            .key("fetch_id", "line_number")
            .partitionedBy("years(auction_date)")
            .build();
}
