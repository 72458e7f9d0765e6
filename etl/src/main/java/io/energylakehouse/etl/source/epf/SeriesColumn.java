package io.energylakehouse.etl.source.epf;

import static java.util.Objects.requireNonNull;

/**
 * What one column of a file holds: the canonical series, its unit and the location it is for.
 *
 * @param columnNumber position in the header, 1-based (1 is the timestamp)
 * @param headerName the column's name in the header, trimmed
 * @param series a {@link Series} code, or {@code exogenous_<column number>} for a column no layout knows
 * @param unit {@code MW} for fundamentals, the currency per MWh for the price is in the dataset; {@code unknown} for unknown columns
 * @param zeroMeansMissing a 0 in this column is a gap ({@link Series#zeroMeansMissing()})
 */
public record SeriesColumn(int columnNumber, String headerName, String series, String unit, String locationId, boolean zeroMeansMissing)
{
    public SeriesColumn
    {
        requireNonNull(headerName, "headerName is null");
        requireNonNull(series, "series is null");
        requireNonNull(unit, "unit is null");
        requireNonNull(locationId, "locationId is null");
        if (columnNumber < 2) {
            throw new IllegalArgumentException("columnNumber must be 2 or more (1 is the timestamp): " + columnNumber);
        }
    }

    public static SeriesColumn of(int columnNumber, String headerName, Series series, String locationId)
    {
        return new SeriesColumn(columnNumber, headerName, series.code(), series.unit(), locationId, series.zeroMeansMissing());
    }

    /** A column no layout knows: kept under its position, unit unknown. */
    public static SeriesColumn unknown(int columnNumber, String headerName, String locationId)
    {
        return new SeriesColumn(columnNumber, headerName, "exogenous_" + columnNumber, Series.UNKNOWN_UNIT, locationId, false);
    }

    public boolean isPrice()
    {
        return series.equals(Series.PRICE_PER_MWH.code());
    }

    /** {@code header -> series@location}, as the fetch log's detail lists the columns. */
    public String describe()
    {
        return "'" + headerName + "' -> " + series + "@" + locationId;
    }
}
