package io.energylakehouse.etl.curate;

import io.energylakehouse.common.table.TableSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The data checks a {@link TableSpec} declares, the same for every table and source, in one pass over the rows (a day's
 * partition, say): {@code key_unique} (no two rows share the key), {@code not_null} (required columns hold values) and
 * {@code allowed_values} (code columns hold only their declared values).
 */
public final class DeclaredChecks
{
    private DeclaredChecks() {}

    public static List<DayCompleteness.Check> of(TableSpec spec, Dataset<Row> rows)
    {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)));
        aggregates.add(count_distinct(struct(spec.key().stream().map(column -> col(column)).toArray(Column[]::new))));
        List<String> required = spec.requiredColumns();
        required.forEach(column -> aggregates.add(sum(when(col(column).isNull(), 1).otherwise(0)).cast("long")));
        List<Map.Entry<String, List<String>>> allowed = List.copyOf(spec.allowedValues().entrySet());
        allowed.forEach(entry -> aggregates.add(sum(when(col(entry.getKey()).isNotNull()
                .and(org.apache.spark.sql.functions.not(col(entry.getKey()).cast("string").isin(entry.getValue().toArray()))), 1).otherwise(0)).cast("long")));
        Row counts = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();

        long total = counts.getLong(0);
        long keys = counts.getLong(1);
        List<DayCompleteness.Check> checks = new ArrayList<>();
        checks.add(new DayCompleteness.Check("key_unique", total == keys, total - keys,
                total == keys ? total + " rows, each key once " + spec.key() : (total - keys) + " rows repeat a key " + spec.key() + " of another row"));
        List<String> nulls = new ArrayList<>();
        long nullCount = 0;
        for (int i = 0; i < required.size(); i++) {
            long count = counts.getLong(2 + i);
            if (count > 0) {
                nulls.add(required.get(i) + " " + count);
                nullCount += count;
            }
        }
        checks.add(new DayCompleteness.Check("not_null", nulls.isEmpty(), nullCount,
                nulls.isEmpty() ? "required columns all hold values" : "nulls in required columns: " + String.join(", ", nulls)));
        List<String> others = new ArrayList<>();
        long otherCount = 0;
        for (int i = 0; i < allowed.size(); i++) {
            long count = counts.getLong(2 + required.size() + i);
            if (count > 0) {
                others.add(allowed.get(i).getKey() + " " + count + " (allowed: " + String.join(", ", allowed.get(i).getValue()) + ")");
                otherCount += count;
            }
        }
        checks.add(new DayCompleteness.Check("allowed_values", others.isEmpty(), otherCount,
                others.isEmpty() ? "code columns hold only declared values" : "values outside the declared ones: " + String.join("; ", others)));
        return checks;
    }
}
