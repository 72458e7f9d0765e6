package io.energylakehouse.etl.publish;

import io.energylakehouse.common.csv.CsvLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields of the CSV files the driver publishes, as Spark's CSV writer made them, and read back by an RFC 4180 reader. */
class TestPublishedCsv
{
    @Test
    void valuesAreWrittenAsTheSparkExportWroteThem()
    {
        assertThat(DatasetExporter.csvText(null)).isEmpty();
        assertThat(DatasetExporter.csvText(47.3)).isEqualTo("47.3");
        assertThat(DatasetExporter.csvText(35.0)).isEqualTo("35.0");
        assertThat(DatasetExporter.csvText(0.0002)).isEqualTo("0.0002");
        assertThat(DatasetExporter.csvText(-12.5)).isEqualTo("-12.5");
        assertThat(DatasetExporter.csvText(Instant.parse("2024-11-03T08:00:00Z"))).isEqualTo("2024-11-03T08:00:00Z");
        assertThat(DatasetExporter.csvText(LocalDate.of(2024, 3, 10))).isEqualTo("2024-03-10");
        assertThat(DatasetExporter.csvText(288L)).isEqualTo("288");
        assertThat(DatasetExporter.csvText(true)).isEqualTo("true");
        assertThat(DatasetExporter.csvText("TH_NP15_GEN-APND")).isEqualTo("TH_NP15_GEN-APND");
        assertThat(DatasetExporter.csvText("")).isEqualTo("\"\"");
    }

    @Test
    void textWithASeparatorQuoteOrLineBreakIsQuotedAndReadsBack()
    {
        String line = String.join(",", DatasetExporter.csvText("HUB, NORTH"), DatasetExporter.csvText("say \"hub\""), DatasetExporter.csvText("plain"));
        assertThat(line).isEqualTo("\"HUB, NORTH\",\"say \"\"hub\"\"\",plain");
        assertThat(CsvLine.split(line)).isEqualTo(List.of("HUB, NORTH", "say \"hub\"", "plain"));
    }
}
