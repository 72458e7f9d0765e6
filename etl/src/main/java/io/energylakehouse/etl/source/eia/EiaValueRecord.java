package io.energylakehouse.etl.source.eia;

import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One value of an EIA series for one period, as published (an API v2 data row or a line of the normalized history CSV),
 * typed; the columns of {@link Eia#HENRY_HUB_SPOT_RAW} and {@link Eia#STORAGE_WEEKLY_RAW}.
 *
 * @param lineNumber the row's position in the payload, 1-based (across pages), or its CSV line
 * @param pageNumber the API page it is on, 1-based; null for a CSV line
 * @param valueText the value as published; null where the API sent null
 * @param value the value in units; null where there is none ({@code valueStatus} says why)
 * @param repeatCount how many times the payload holds this series, period and value (1, more where pages repeat it)
 * @param valueStatus {@link Eia#VALUE_PUBLISHED}, {@link Eia#VALUE_MISSING} or {@link Eia#VALUE_ZERO_FILLED_MISSING}
 */
public record EiaValueRecord(
        int lineNumber,
        Integer pageNumber,
        LocalDate period,
        String seriesId,
        String seriesDescription,
        String duoarea,
        String process,
        String valueText,
        Double value,
        String units,
        int repeatCount,
        String valueStatus)
        implements RawRecord
{
    public EiaValueRecord
    {
        requireNonNull(period, "period is null");
        requireNonNull(seriesId, "seriesId is null");
        requireNonNull(valueStatus, "valueStatus is null");
        if (value == null && valueStatus.equals(Eia.VALUE_PUBLISHED) || value != null && !valueStatus.equals(Eia.VALUE_PUBLISHED)) {
            throw new IllegalArgumentException("Cannot hold EIA " + seriesId + " " + period + " with value " + value + " and status " + valueStatus
                    + ": a value is published, a missing one is null");
        }
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, pageNumber, period, seriesId, seriesDescription, duoarea, process, valueText, value, units,
                repeatCount, valueStatus);
    }

    /** The inverse of {@link #toRow}. */
    public static EiaValueRecord of(RawFields row)
    {
        return new EiaValueRecord(row.integer("line_number"), row.integer("page_number"), row.date("period_date"), row.string("series_id"),
                row.string("series_description"), row.string("duoarea_code"), row.string("process_code"), row.string("value_text"), row.doubleValue("value"),
                row.string("units"), row.integer("repeat_count"), row.string("value_status"));
    }

    /** The same value seen {@code times} more. */
    EiaValueRecord repeated(int times)
    {
        return new EiaValueRecord(lineNumber, pageNumber, period, seriesId, seriesDescription, duoarea, process, valueText, value, units, repeatCount + times,
                valueStatus);
    }

    /** Where the record is, for messages: {@code page 2 row 5 (line 5005)} or {@code line 7}. */
    String where()
    {
        return pageNumber == null ? "line " + lineNumber : "page " + pageNumber + " (row " + lineNumber + " of the payload)";
    }

    /** The record as JSON for quarantine rows. */
    String json()
    {
        return String.format("{\"line_number\":%d,\"page_number\":%s,\"period\":\"%s\",\"series\":\"%s\",\"duoarea\":%s,\"value\":%s,"
                        + "\"units\":%s,\"value_status\":\"%s\"}", lineNumber, pageNumber, period, escape(seriesId), quoted(duoarea), quoted(valueText),
                quoted(units), valueStatus);
    }

    private static String quoted(String text)
    {
        return text == null ? "null" : "\"" + escape(text) + "\"";
    }

    static String escape(String text)
    {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            }
            else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            }
            else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
