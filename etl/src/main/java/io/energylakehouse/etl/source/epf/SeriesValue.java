package io.energylakehouse.etl.source.epf;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.LocalDate;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/** One value of one line of a series file: where it is (line, local clock hour, column) and what it is. */
public record SeriesValue(int lineNumber, LocalDate localDate, int clockHour, SeriesColumn column, OptionalDouble value, SeriesDataset dataset)
        implements RawRecord
{
    public SeriesValue
    {
        requireNonNull(localDate, "localDate is null");
        requireNonNull(column, "column is null");
        requireNonNull(value, "value is null");
        requireNonNull(dataset, "dataset is null");
        if (clockHour < 0 || clockHour > 23) {
            throw new IllegalArgumentException("clockHour is not 0..23: " + clockHour);
        }
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("value is not finite: " + value);
        }
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, localDate, clockHour, column.columnNumber(), column.headerName(),
                value.isPresent() ? value.getAsDouble() : null, column.series(), column.unit(), column.locationId(), dataset.format().code(),
                dataset.name(), dataset.zone().getId(), dataset.market(), dataset.locationType(), dataset.currency().orElse(null));
    }
}
