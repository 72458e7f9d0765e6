package io.energylakehouse.common.table;

import org.apache.spark.sql.types.DataTypes;

import java.util.List;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * The tables every market shares: the fetch log of the raw layer, and the curated prices, fundamentals,
 * quarantine and data-quality results. Declared once here; connectors, curation, models and publishing all use these.
 */
public final class CanonicalTables
{
    private CanonicalTables() {}

    public static final TableSpec FETCH_LOG = TableSpec.builder("raw", "fetch_log",
                    "One row per payload received (live fetch or replayed file): where it came from, its bytes' sha256 and what parsing made of it")
            .required("fetch_id", StringType, "Stable id of this payload: hash of source, report, request key and content sha256")
            .optional("landing_id", StringType, "The landing run that recorded the payload; its raw rows carry the same id, and only those count "
                    + "(rows another run left are ignored). Null for payloads landed before landing ids existed")
            .required("source", StringType, "Connector that received it, e.g. caiso-oasis")
            .required("report", StringType, "Operator report name, e.g. PRC_LMP")
            .required("origin", StringType, "live (fetched here), replay (a published file supplied to us) or synthetic (generated sample, not market data)")
            .required("request_key", StringType, "What was asked for: report, market run, window, selection; payloads with one request key are revisions")
            .optional("request_uri", StringType, "URL fetched; null for files")
            .required("file_name", StringType, "Response or file name that first delivered the payload")
            .optional("file_names", DataTypes.createArrayType(StringType, false), "Every response or file name that delivered these bytes, first one first "
                    + "(the same bytes under another name are landed once); null for payloads landed before this column existed")
            .required("fetched_at_utc", TimestampType, "When the bytes were received (file modification time for replayed files)")
            .required("published_at_utc", TimestampType, "When the operator published the data: the file's generation stamp if it has one, else fetched_at_utc")
            .required("http_status", IntegerType, "HTTP status of the response (200 for files)")
            .required("payload_bytes", LongType, "Size of the payload in bytes")
            .required("sha256", StringType, "sha256 of the payload bytes; the raw store keeps them under this name")
            .required("payload_path", StringType, "Where the raw store keeps the bytes")
            .required("revision", IntegerType, "1 for the first payload of a request key, then +1 for each payload with different bytes")
            .required("outcome", StringType, "parsed, no_data (operator said there is none), operator_error, or rejected (not what it claims to be)")
            .optional("operator_error_code", StringType, "The operator's own error code, e.g. OASIS ERR_CODE 1000")
            .optional("detail", StringType, "Operator message or rejection reason")
            .required("rows_parsed", LongType, "Records written to the source's raw table")
            .required("rows_rejected", LongType, "Records sent to curated.quarantine at parse time")
            .required("operating_dates", DataTypes.createArrayType(DateType, false), "Market operating dates the payload's records fall on")
            .key("fetch_id")
            .build();

    public static final TableSpec MARKET_PRICES = TableSpec.builder("curated", "market_prices",
                    "Energy prices of every market in one schema: one row per market, dataset, location, interval and revision")
            .required("market", StringType, "Market operator code, e.g. CAISO")
            .required("dataset", StringType, "da_hourly, rt_5min, rt_15min, rt_hourly, ...")
            .required("location_id", StringType, "Operator's name of the pricing location (node, hub, zone)")
            .required("location_type", StringType, "node, hub, zone, area, region or system")
            .required("interval_start_utc", TimestampType, "Start of the delivery interval (instant)")
            .required("interval_end_utc", TimestampType, "End of the delivery interval (instant)")
            .required("interval_minutes", IntegerType, "Length of the interval in minutes: 60, 15 or 5")
            .required("operating_date", DateType, "Market operating day in the market's time zone")
            .required("hour_ending", IntegerType, "Hour ending in the market's time zone, counted in elapsed hours: 1..23 on a spring-forward day, 1..25 on a fall-back day")
            .required("price_per_mwh", DoubleType, "Total price (LMP) in currency per MWh")
            .optional("energy_per_mwh", DoubleType, "Energy component; null where the market has none")
            .optional("congestion_per_mwh", DoubleType, "Congestion component; null where the market has none")
            .optional("loss_per_mwh", DoubleType, "Loss component; null where the market has none")
            .optional("ghg_per_mwh", DoubleType, "Greenhouse-gas component; null where the market has none")
            .required("currency", StringType, "ISO 4217 code of the prices")
            .required("published_at_utc", TimestampType, "When the operator published this revision (else when we received it)")
            .required("revision", IntegerType, "1 for the first value seen for the key, +1 each time a later publication changed it")
            .required("fetch_id", StringType, "raw.fetch_log row this revision came from")
            .required("dq_flags", DataTypes.createArrayType(StringType, false), "Data-quality flags: total_mismatch, duplicate_rows_collapsed, ...")
            .key("market", "dataset", "location_id", "interval_start_utc", "revision")
            .allowed("location_type", "node", "hub", "zone", "area", "region", "system")
            .allowed("interval_minutes", "5", "15", "30", "60")
            .partitionedBy("market", "dataset", "operating_date")
            .build();

    public static final TableSpec FUNDAMENTALS = TableSpec.builder("curated", "fundamentals",
                    "What moves prices, in one schema across markets: load, generation, wind and solar, forecasts and actuals; one row per market, series, location, interval and revision")
            .required("market", StringType, "Market operator code, e.g. PJM, NORDPOOL, EPEX, ENTSOE")
            .required("series", StringType, "What the value measures, unit in the name: load_forecast_mw, load_actual_mw, generation_forecast_mw, wind_forecast_mw, "
                    + "wind_onshore_forecast_mw, wind_offshore_forecast_mw, solar_forecast_mw, wind_solar_forecast_mw, ...")
            .required("location_id", StringType, "Area the value is for: zone, bidding zone, TSO control area or system, e.g. COMED, RTO, FR, DE_LU")
            .required("interval_start_utc", TimestampType, "Start of the interval (instant)")
            .required("interval_end_utc", TimestampType, "End of the interval (instant)")
            .required("interval_minutes", IntegerType, "Length of the interval in minutes: 60, 15 or 5")
            .required("operating_date", DateType, "Market operating day in the market's time zone")
            .required("hour_ending", IntegerType, "Hour ending in the market's time zone, counted in elapsed hours: 1..23 on a spring-forward day, 1..25 on a fall-back day")
            .required("value", DoubleType, "The value in unit: for power (MW) the mean over the interval")
            .required("unit", StringType, "Unit of value, e.g. MW")
            .optional("issued_at_utc", TimestampType, "When the forecast was issued; null for actuals and where the source does not say")
            .required("published_at_utc", TimestampType, "When the publisher published this revision (else when we received it)")
            .required("revision", IntegerType, "1 for the first value seen for the key, +1 each time a later publication changed it")
            .required("fetch_id", StringType, "raw.fetch_log row this revision came from")
            .required("dq_flags", DataTypes.createArrayType(StringType, false), "Data-quality flags: repeated_hour_single_value, ...")
            .key("market", "series", "location_id", "interval_start_utc", "revision")
            .partitionedBy("market", "series", "operating_date")
            .build();

    public static final TableSpec COMMODITY_PRICES = TableSpec.builder("curated", "commodity_prices",
                    "Exchange settlement prices of power, gas and carbon futures: one row per market, contract, profile, trade date and revision")
            .required("market", StringType, "Market whose delivery the contract settles on, upper case, e.g. PJM, ERCOT, CAISO, EEX-DE, TTF, EU-ETS")
            .required("contract_code", StringType, "The exchange's contract code as given, e.g. PJM-WH-PEAK-2024-07 or F1BM-2024-08")
            .required("profile", StringType, "Delivery profile: base, peak or offpeak (gas and carbon contracts are base)")
            .required("trade_date", DateType, "Trading day the settlement price belongs to")
            .required("delivery_start", DateType, "First delivery day (inclusive)")
            .required("delivery_end", DateType, "Day after the last delivery day (exclusive): a July month contract delivers 2024-07-01..2024-08-01")
            .required("settlement_price", DoubleType, "Settlement price in currency per unit; may be negative (power)")
            .required("currency", StringType, "ISO 4217 code of the price, e.g. USD, EUR")
            .required("unit", StringType, "Quantity the price is per, e.g. MWh, MMBtu, therm, tCO2")
            .optional("exchange", StringType, "Exchange that published the settlement, e.g. EEX, ICE, CME; null when the file does not say")
            .required("published_at_utc", TimestampType, "When the exchange published this revision (else when we received the file)")
            .required("revision", IntegerType, "1 for the first value seen for the key, +1 each time a later publication changed it")
            .required("fetch_id", StringType, "raw.fetch_log row this revision came from")
            .required("dq_flags", DataTypes.createArrayType(StringType, false), "Data-quality flags: duplicate_rows_collapsed, ...")
            .key("market", "contract_code", "profile", "trade_date", "revision")
            .partitionedBy("market", "months(trade_date)")
            .build();

    public static final TableSpec SPOT_PRICES = TableSpec.builder("curated", "spot_prices",
                    "Spot, index and auction prices that are not futures settlements (EU ETS primary auctions, gas day-ahead indices, coal and oil "
                    + "indices): one row per market, product, trade date and revision. The forward-curve job does not read it")
            .required("market", StringType, "Market or scheme the price belongs to, upper case, e.g. EU-ETS, TTF, API2, BRENT")
            .required("product", StringType, "What was priced, as the publisher names it, e.g. EUA_AUCTION_EU (an auction of one platform), TTF_DA")
            .required("trade_date", DateType, "Day the price was set: the auction day, the index day (publisher's local date)")
            .required("delivery_start", DateType, "First delivery day (inclusive): EU ETS auctions deliver on the next business day")
            .required("delivery_end", DateType, "Day after the last delivery day (exclusive)")
            .optional("price", DoubleType, "Price in currency per unit; null where none was set (a cancelled auction)")
            .required("currency", StringType, "ISO 4217 code of the price, e.g. EUR")
            .required("unit", StringType, "Quantity the price is per, e.g. tCO2, MWh, t, bbl")
            .required("status", StringType, "settled (a price was set) or cancelled (the auction or index did not clear: no price, never forward-filled)")
            .optional("platform", StringType, "Auction platform or venue where the publisher names one, e.g. EU (common platform), DE, PL, CAP3, EEX")
            .optional("volume", DoubleType, "Quantity offered or auctioned, in unit; null where the publisher gives none")
            .optional("bid_volume", DoubleType, "Total quantity bid, in unit (auctions)")
            .optional("bidders", IntegerType, "Number of bidders (auctions)")
            .optional("successful_bidders", IntegerType, "Number of successful bidders (auctions)")
            .optional("cover_ratio", DoubleType, "Bid volume over offered volume (auctions), as published")
            .required("published_at_utc", TimestampType, "When the publisher published this revision (else when we received the file)")
            .required("revision", IntegerType, "1 for the first value seen for the key, +1 each time a later publication changed it")
            .required("fetch_id", StringType, "raw.fetch_log row this revision came from")
            .required("dq_flags", DataTypes.createArrayType(StringType, false), "Data-quality flags: duplicate_rows_collapsed, ...")
            .key("market", "product", "trade_date", "revision")
            .allowed("status", "settled", "cancelled")
            .partitionedBy("market", "years(trade_date)")
            .build();

    /** Exact decimals as the ECB publishes them (JPY 2 places, most 4, a few 5 or 6 significant digits): never a binary double. */
    public static final org.apache.spark.sql.types.DecimalType RATE_TYPE = DataTypes.createDecimalType(20, 8);

    public static final TableSpec FX_RATES = TableSpec.builder("curated", "fx_rates",
                    "Euro reference exchange rates: one row per rate date, currency and revision, in units of the currency per 1 EUR")
            .required("rate_date", DateType, "Business day the reference rate is for (TARGET calendar: no weekend or TARGET-holiday rows)")
            .required("currency", StringType, "ISO 4217 code of the quoted currency, e.g. USD, JPY, NOK")
            .required("units_per_eur", RATE_TYPE, "Units of currency per 1 EUR, exact as published: price in EUR = price in currency / units_per_eur")
            .required("source", StringType, "Publisher of the rate, e.g. ECB")
            .required("published_at_utc", TimestampType, "When the rate was published (ECB: about 16:00 Europe/Berlin on rate_date), else when we received it")
            .required("revision", IntegerType, "1 for the first value seen for the key, +1 each time a later publication changed it")
            .required("fetch_id", StringType, "raw.fetch_log row this revision came from")
            .required("dq_flags", DataTypes.createArrayType(StringType, false), "Data-quality flags")
            .key("currency", "rate_date", "revision")
            .partitionedBy("years(rate_date)")
            .build();

    public static final TableSpec QUARANTINE = TableSpec.builder("curated", "quarantine",
                    "Every record rejected on purpose, with why and where it came from: nothing received is lost")
            .required("quarantine_id", StringType, "Stable id: hash of fetch, stage, record position and reason")
            .required("market", StringType, "Market operator code")
            .optional("dataset", StringType, "Canonical dataset the record was meant for")
            .required("stage", StringType, "parse (the payload or a line could not be read) or curate (a check rejected the record)")
            .required("source", StringType, "Connector")
            .required("report", StringType, "Operator report name")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload; its bytes stay in the raw store")
            .optional("operating_date", DateType, "Operating date of the record where known")
            .optional("location_id", StringType, "Location of the record where known")
            .optional("interval_start_utc", TimestampType, "Interval of the record where known")
            .optional("line_number", IntegerType, "Line in the payload's data file where known")
            .required("reason", StringType, "Why the record was rejected")
            .optional("record", StringType, "The offending record as received (a CSV line) or as grouped (JSON)")
            .key("quarantine_id")
            .partitionedBy("market", "stage")
            .build();

    public static final TableSpec DATA_QUALITY = TableSpec.builder("curated", "data_quality",
                    "Results of data-quality checks that do not reject records: missing intervals, component mismatches")
            .required("market", StringType, "Market operator code")
            .required("dataset", StringType, "Canonical dataset checked")
            .required("operating_date", DateType, "Operating date checked")
            .required("check_name", StringType, "missing_intervals, total_mismatch, ...")
            .required("location_id", StringType, "Location checked")
            .required("expected_count", LongType, "What the check expected, e.g. 23, 24 or 25 hourly intervals")
            .required("observed_count", LongType, "What it found")
            .optional("detail", StringType, "Human-readable detail, e.g. the first missing interval")
            .key("market", "dataset", "operating_date", "check_name", "location_id")
            .partitionedBy("market", "dataset", "operating_date")
            .build();

    public static final TableSpec LOCATIONS = TableSpec.builder("curated", "locations",
                    "The node master of every market: one row per market and pricing location ever curated, with its validity; never shrunk "
                    + "(a retired node keeps its rows and its last day)")
            .required("market", StringType, "Market operator code, e.g. PJM")
            .required("location_id", StringType, "The location's id as in curated.market_prices.location_id")
            .optional("location_name", StringType, "The operator's name of the location where its payloads give one beside the id "
                    + "(PJM pnode_name, NYISO Name, ERCOT settlement point, SPP settlement location); null where the id is the name")
            .required("location_type", StringType, "node, hub, zone, area, region or system, as in curated.market_prices (as last seen)")
            .optional("operator_type_code", StringType, "The operator's own type code as last published, e.g. PJM HUB, MISO Loadzone, ERCOT LZ; "
                    + "null where the payloads carry none")
            .optional("zone_name", StringType, "Zone or area the location belongs to where the operator says, e.g. PJM zone, SPP balancing authority area")
            .required("valid_from", DateType, "First operating day (market time) on which the location has a curated row in any dataset")
            .required("valid_to", DateType, "Last operating day (inclusive) on which it has one; only ever moves later")
            .required("datasets", DataTypes.createArrayType(StringType, false), "Datasets of curated.market_prices it appeared in, sorted")
            .required("first_fetch_id", StringType, "raw.fetch_log row of the earliest-published payload it appeared in")
            .required("first_published_at_utc", TimestampType, "When that payload was published (else received)")
            .required("last_fetch_id", StringType, "raw.fetch_log row of the latest-published payload it appeared in; name and codes are that payload's")
            .required("last_published_at_utc", TimestampType, "When that payload was published (else received)")
            .key("market", "location_id")
            .allowed("location_type", "node", "hub", "zone", "area", "region", "system")
            .partitionedBy("market")
            .build();

    public static List<TableSpec> all()
    {
        return List.of(FETCH_LOG, MARKET_PRICES, FUNDAMENTALS, COMMODITY_PRICES, SPOT_PRICES, FX_RATES, QUARANTINE, DATA_QUALITY, LOCATIONS);
    }

}
