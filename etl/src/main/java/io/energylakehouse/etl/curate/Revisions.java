package io.energylakehouse.etl.curate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

/**
 * The project's one rule for revisions, used by every source (connectors' prices, imported series and fundamentals,
 * settlements): a key's values change in order of publication. {@link PriceRows} is its plain-Java twin for prices.
 */
public final class Revisions
{
    private Revisions() {}

    /**
     * Numbers the revisions of each key: the values a key had in each payload, ordered by {@code published_at_utc}
     * then {@code fetch_id}, are revision 1, 2, ...; a later payload repeating the previous values unchanged is not a
     * new revision and is dropped here (its raw rows stay in the raw table).
     */
    public static Dataset<Row> number(Dataset<Row> rows, List<String> keyWithoutRevision, List<String> valueColumns)
    {
        List<String> needed = new ArrayList<>(keyWithoutRevision);
        needed.addAll(valueColumns);
        needed.add("published_at_utc");
        needed.add("fetch_id");
        Columns.require(rows, "Revisions.number", needed);
        WindowSpec publication = Window.partitionBy(keyWithoutRevision.stream().map(column -> col(column)).toArray(Column[]::new))
                .orderBy(col("published_at_utc"), col("fetch_id"));
        Column changed = lit(false);
        for (String column : valueColumns) {
            changed = changed.or(not(col(column).eqNullSafe(lag(col(column), 1).over(publication))));
        }
        return rows
                .withColumn("_is_new_revision", row_number().over(publication).equalTo(1).or(changed))
                .where(col("_is_new_revision"))
                .withColumn("revision", row_number().over(publication).cast("int"))
                .drop("_is_new_revision");
    }

    /** The latest revision of every key: what users see by default. */
    public static Dataset<Row> latest(Dataset<Row> rows, List<String> keyWithoutRevision)
    {
        List<String> needed = new ArrayList<>(keyWithoutRevision);
        needed.add("revision");
        Columns.require(rows, "Revisions.latest", needed);
        WindowSpec newestFirst = Window.partitionBy(keyWithoutRevision.stream().map(column -> col(column)).toArray(Column[]::new))
                .orderBy(col("revision").desc());
        return rows.withColumn("_rank", row_number().over(newestFirst)).where(col("_rank").equalTo(1)).drop("_rank");
    }
}
