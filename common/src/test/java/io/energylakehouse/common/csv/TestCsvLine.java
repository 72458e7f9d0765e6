package io.energylakehouse.common.csv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestCsvLine
{
    @Test
    void plainAndQuotedFields()
    {
        assertThat(CsvLine.split("a,,b,")).containsExactly("a", "", "b", "");
        assertThat(CsvLine.split("\"Jan-25, peak\",2025-01-01,\"say \"\"hi\"\"\"")).containsExactly("Jan-25, peak", "2025-01-01", "say \"hi\"");
        assertThat(CsvLine.split("")).containsExactly("");
    }
}
