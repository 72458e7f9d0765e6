package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.raw.ParsedPayload;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a Data Miner 2 page says besides its items, for the client that pages through a request: the parsed payload,
 * the result's {@code totalRows}, this page's {@code startRow} and {@code rowCount} (from {@code searchSpecification}),
 * the links PJM gives ({@code rel=self} and {@code rel=next}, key-free URLs) and the fields the request asked for.
 * Empty where the page does not say (an error body, a page saved without its envelope).
 */
public record DataMinerPage(
        ParsedPayload parsed,
        Optional<Long> totalRows,
        Optional<Integer> startRow,
        Optional<Integer> rowCount,
        Optional<String> selfHref,
        Optional<String> nextHref,
        List<String> fields)
{
    public DataMinerPage
    {
        requireNonNull(parsed, "parsed is null");
        requireNonNull(totalRows, "totalRows is null");
        requireNonNull(startRow, "startRow is null");
        requireNonNull(rowCount, "rowCount is null");
        requireNonNull(selfHref, "selfHref is null");
        requireNonNull(nextHref, "nextHref is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
    }

    static DataMinerPage of(ParsedPayload parsed)
    {
        return new DataMinerPage(parsed, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * The {@code startRow} of the page after this one ({@code startRow + rowCount}), or empty when this page is the last
     * ({@code startRow + rowCount > totalRows}) or does not say where it is.
     */
    public Optional<Integer> nextStartRow()
    {
        if (totalRows.isEmpty() || startRow.isEmpty() || rowCount.isEmpty()) {
            return Optional.empty();
        }
        long next = (long) startRow.get() + rowCount.get();
        return next <= totalRows.get() && next <= Integer.MAX_VALUE ? Optional.of((int) next) : Optional.empty();
    }
}
