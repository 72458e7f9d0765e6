package io.energylakehouse.etl.raw;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.DataSize;
import io.energylakehouse.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPayloadLimits
{
    @Test
    void defaults()
    {
        assertThat(PayloadLimits.from(Settings.empty())).isEqualTo(new PayloadLimits(512L << 20, 1L << 30, 200));
        assertThat(PayloadLimits.DEFAULTS).isEqualTo(PayloadLimits.from(Settings.empty()));
        assertThat(PayloadLimits.KEYS).containsExactly("etl.raw.max-payload-bytes", "etl.raw.max-expanded-bytes", "etl.raw.max-expansion-ratio");
    }

    @Test
    void explicitValuesTakeSizesWithUnits()
    {
        PayloadLimits limits = PayloadLimits.from(Settings.of(Map.of(
                "etl.raw.max-payload-bytes", "64kB",
                "etl.raw.max-expanded-bytes", "2GB",
                "etl.raw.max-expansion-ratio", "50")));

        assertThat(limits).isEqualTo(new PayloadLimits(64L << 10, 2L << 30, 50));
        assertThat(PayloadLimits.from(Settings.of(Map.of("etl.raw.max-payload-bytes", "1000"))).maxPayloadBytes()).isEqualTo(1000);
        assertThat(PayloadLimits.from(Settings.of(Map.of("etl.raw.max-payload-bytes", "3 MiB"))).maxPayloadBytes()).isEqualTo(3L << 20);
    }

    @Test
    void wrongValuesAndUnknownKeysAreRefusedInWords()
    {
        assertThatThrownBy(() -> PayloadLimits.from(Settings.of(Map.of("etl.raw.max-payload-bytes", "lots"))))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot read setting 'etl.raw.max-payload-bytes' (from code): value 'lots' is not valid");
        assertThatThrownBy(() -> PayloadLimits.from(Settings.of(Map.of("etl.raw.max-expansion-ratio", "0"))))
                .hasMessage("Cannot use etl.raw.max-expansion-ratio 0: need a ratio of at least 1");
        assertThatThrownBy(() -> PayloadLimits.from(Settings.of(Map.of("etl.raw.max-payload-size", "1GB"))))
                .hasMessageStartingWith("Cannot use setting 'etl.raw.max-payload-size' (from code): unknown key");
    }

    @Test
    void reasonsNameTheSizeTheLimitAndTheSetting()
    {
        PayloadLimits limits = new PayloadLimits(512L << 20, 1L << 30, 200);

        assertThat(limits.tooLarge(512L << 20)).isNull();
        assertThat(limits.tooLarge(2L << 30)).isEqualTo("it is 2 GiB (2147483648 bytes), larger than the limit of 512 MiB (etl.raw.max-payload-bytes)");
        // A 2.6 MB zip may expand to 200 times its size, and 200 times what was read of it so far, but never beyond 1 GiB.
        String ratio = "its members expand to more than 200 times their compressed size (etl.raw.max-expansion-ratio); a zip bomb or not an operator file";
        assertThat(limits.expansionProblem(2_600_000, 2_600_000, 520_000_000)).isNull();
        assertThat(limits.expansionProblem(2_600_000, 2_600_000, 520_000_200)).isEqualTo(ratio);
        assertThat(limits.expansionProblem(2_600_000, 10_000, 2_000_200)).isEqualTo(ratio);
        assertThat(limits.expansionProblem(10_000_000, 10_000_000, (1L << 30) + 1))
                .isEqualTo("its members expand to more than 1 GiB (etl.raw.max-expanded-bytes); a zip bomb or not an operator file");
        // Within the first MiB inflated, the ratio is not checked: a small file of repetitive text is fine.
        assertThat(limits.expansionProblem(1_000, 1_000, 1 << 20)).isNull();
    }

    @Test
    void dataSizesParseAndPrint()
    {
        assertThat(DataSize.parse("512MB")).isEqualTo(DataSize.ofMegabytes(512));
        assertThat(DataSize.parse("1gib").bytes()).isEqualTo(1L << 30);
        assertThat(DataSize.parse("7").bytes()).isEqualTo(7);
        assertThat(DataSize.parse("2 k").bytes()).isEqualTo(2048);
        assertThat(DataSize.format(700)).isEqualTo("700 B");
        assertThat(DataSize.format(1536)).isEqualTo("1.5 KiB");
        assertThat(DataSize.format((2L << 30) + 1)).isEqualTo("2.0 GiB");
        assertThatThrownBy(() -> DataSize.parse("1.5GB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataSize.parse("99999999999TB")).isInstanceOf(IllegalArgumentException.class);
    }
}
