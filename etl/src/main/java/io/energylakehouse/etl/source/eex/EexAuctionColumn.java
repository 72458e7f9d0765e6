package io.energylakehouse.etl.source.eex;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of EEX's auction report the connector reads, each with every spelling seen in the files 2012..2022,
 * compared after {@link #normalise}: lower case, one space between words, the unit ({@code €/tCO2}, {@code EUR/tCO2},
 * {@code tCO2}, {@code €}, {@code EUR}) dropped. A column map, not a year switch: the header is found by its text.
 */
public enum EexAuctionColumn
{
    DATE(true, "date", "auction date"),
    TIME(false, "time", "auction time"),
    AUCTION_NAME(true, "auction name"),
    CONTRACT(false, "contract"),
    CERTIFICATE(false, "certificate"),
    STATUS(false, "status"),
    AUCTION_PRICE(true, "auction price"),
    MINIMUM_BID(false, "minimal price", "minimum bid"),
    MAXIMUM_BID(false, "maximal price", "maximum bid"),
    MEAN_PRICE(false, "mean", "mean price"),
    MEDIAN_PRICE(false, "median", "median price"),
    AUCTION_VOLUME(true, "auction volume"),
    TOTAL_BID_VOLUME(false, "total amount of bids"),
    BIDS_SUBMITTED(false, "number of bids submitted"),
    SUCCESSFUL_BIDS(false, "number of successful bids"),
    COVER_RATIO(false, "cover ratio"),
    BIDDERS(false, "total number of bidders"),
    // EEX's 2016 file spells it "Number of Succesful  Bidders"
    SUCCESSFUL_BIDDERS(false, "number of successful bidders", "number of succesful bidders"),
    TOTAL_REVENUE(false, "total revenue"),
    COUNTRY(false, "country");

    private final boolean required;
    private final List<String> spellings;

    EexAuctionColumn(boolean required, String... spellings)
    {
        this.required = required;
        this.spellings = List.of(spellings);
    }

    /** Whether a header without the column is not an auction report. */
    public boolean required()
    {
        return required;
    }

    /** The column a header cell names, if any. */
    public static Optional<EexAuctionColumn> of(String headerCell)
    {
        String name = normalise(headerCell);
        for (EexAuctionColumn column : values()) {
            if (column.spellings.contains(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** {@code "Auction Price €/tCO2"} to {@code "auction price"}, {@code "Number of Succesful  Bidders"} to {@code "number of succesful bidders"}. */
    static String normalise(String headerCell)
    {
        String name = headerCell.toLowerCase(Locale.ROOT).replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
        for (String unit : List.of("€/tco2", "eur/tco2", "tco2", "€", "eur")) {
            if (name.endsWith(" " + unit)) {
                name = name.substring(0, name.length() - unit.length()).strip();
                break;
            }
        }
        return name;
    }
}
