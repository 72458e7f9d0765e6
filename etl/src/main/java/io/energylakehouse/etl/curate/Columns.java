package io.energylakehouse.etl.curate;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The one required-columns check of the transforms of every source. */
public final class Columns
{
    private Columns() {}

    /** First line of every transform: names the columns a caller forgot. */
    public static void require(Dataset<Row> input, String transform, String... columns)
    {
        require(input, transform, Arrays.asList(columns));
    }

    /** {@link #require(Dataset, String, String...)} of a list. */
    public static void require(Dataset<Row> input, String transform, List<String> columns)
    {
        Set<String> available = Set.of(input.columns());
        List<String> missing = columns.stream().filter(column -> !available.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new LakehouseException(ErrorCode.INTERNAL, String.format("Cannot apply %s: input lacks columns %s (has %s)",
                    transform, missing, Arrays.toString(input.columns())));
        }
    }
}
