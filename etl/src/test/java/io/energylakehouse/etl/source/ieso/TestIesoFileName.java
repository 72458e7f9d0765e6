package io.energylakehouse.etl.source.ieso;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IESO's file names: day and hour files, versions {@code _vN} as revisions of one request, the undated latest file. */
class TestIesoFileName
{
    private static final LocalDate DAY = LocalDate.of(2025, 5, 2);

    @Test
    void namesDayAndHourFiles()
    {
        assertThat(IesoFileName.dayFile(IesoReport.DA_HOURLY_ENERGY_LMP, DAY)).isEqualTo("PUB_DAHourlyEnergyLMP_20250502.csv");
        assertThat(IesoFileName.dayFile(IesoReport.DA_ONTARIO_ZONAL_PRICE, DAY)).isEqualTo("PUB_DAHourlyOntarioZonalPrice_20250502.xml");
        assertThat(IesoFileName.dayFile(IesoReport.HOEP, LocalDate.of(2024, 3, 10))).isEqualTo("PUB_DispUnconsHOEP_20240310.csv");
        assertThat(IesoFileName.hourFile(IesoReport.RT_ENERGY_LMP, DAY, 1)).isEqualTo("PUB_RealtimeEnergyLMP_2025050201.csv");
        assertThat(IesoFileName.hourFile(IesoReport.RT_ONTARIO_ZONAL_PRICE, DAY, 24)).isEqualTo("PUB_RealtimeOntarioZonalPrice_2025050224.xml");
        assertThat(IesoFileName.versioned("PUB_DAHourlyEnergyLMP_20250502.csv", 2)).isEqualTo("PUB_DAHourlyEnergyLMP_20250502_v2.csv");
        assertThatThrownBy(() -> IesoFileName.hourFile(IesoReport.RT_ENERGY_LMP, DAY, 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IesoFileName.dayFile(IesoReport.RT_ENERGY_LMP, DAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionsAreRevisionsOfOneRequest()
    {
        IesoFileName plain = IesoFileName.parse("PUB_DAHourlyEnergyLMP_20250502.csv").orElseThrow();
        IesoFileName v1 = IesoFileName.parse("PUB_DAHourlyEnergyLMP_20250502_v1.csv").orElseThrow();
        IesoFileName v12 = IesoFileName.parse("/some/folder/PUB_DAHourlyEnergyLMP_20250502_v12.csv").orElseThrow();

        assertThat(v1.version()).isEqualTo(OptionalInt.of(1));
        assertThat(v12.version()).isEqualTo(OptionalInt.of(12));
        assertThat(plain.version()).isEmpty();
        assertThat(plain.requestKey()).isEqualTo(v1.requestKey()).isEqualTo(v12.requestKey()).contains("DAHourlyEnergyLMP|2025-05-02");

        IesoFileName hour = IesoFileName.parse("PUB_RealtimeOntarioZonalPrice_2025050210_v2.xml").orElseThrow();
        assertThat(hour.report()).isEqualTo(IesoReport.RT_ONTARIO_ZONAL_PRICE);
        assertThat(hour.hourEnding()).isEqualTo(OptionalInt.of(10));
        assertThat(hour.requestKey()).contains("RealtimeOntarioZonalPrice|2025-05-02|10");
    }

    @Test
    void tellsTheLatestFileAndRefusesOtherNames()
    {
        IesoFileName latest = IesoFileName.parse("PUB_RealtimeEnergyLMP.csv").orElseThrow();
        assertThat(latest.isLatest()).isTrue();
        assertThat(latest.requestKey()).isEmpty();

        assertThat(IesoFileName.parse("PUB_DAHourlyZonal_20250502.xml")).isEmpty();
        assertThat(IesoFileName.parse("PUB_DAHourlyEnergyLMP_20250502.xml")).isEmpty();
        assertThat(IesoFileName.parse("PUB_RealtimeEnergyLMP_20250502.csv")).isEmpty();
        assertThat(IesoFileName.parse("PUB_DAHourlyEnergyLMP_2025050210.csv")).isEmpty();
        assertThat(IesoFileName.parse("PUB_RealtimeEnergyLMP_2025050225.csv")).isEmpty();
        assertThat(IesoFileName.parse("PUB_DAHourlyEnergyLMP_20251302.csv")).isEmpty();
        assertThat(IesoFileName.parse("README.txt")).isEmpty();
        assertThat(IesoFileName.parse("pub_dispunconshoep_20240310.CSV")).map(IesoFileName::report).isEqualTo(Optional.of(IesoReport.HOEP));
    }
}
