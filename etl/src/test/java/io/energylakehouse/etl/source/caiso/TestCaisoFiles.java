package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCaisoFiles
{
    private static final Path DAM_9 = Path.of("20240309_20240309_PRC_LMP_DAM_20240308_13_05_12_v12.zip");
    private static final Path DAM_10 = Path.of("20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.zip");
    private static final Path RTM_10 = Path.of("20240310_20240310_PRC_INTVL_LMP_RTM_20240310_01_05_01_v3.zip");
    private static final Path WEEK = Path.of("20240304_20240311_PRC_LMP_DAM_20240303_13_05_12_v12.zip");
    private static final Path UNNAMED = Path.of("prices.csv");

    @Test
    void selectsTheFilesWhoseNamesCoverTheDaysAndReports()
    {
        List<Path> files = List.of(DAM_9, DAM_10, RTM_10, WEEK, UNNAMED);
        LocalDate day = LocalDate.of(2024, 3, 10);

        assertThat(CaisoFiles.select(files, day, day, List.of())).containsExactly(DAM_10, RTM_10, WEEK, UNNAMED);
        assertThat(CaisoFiles.select(files, day, day, List.of(OasisReport.PRC_LMP))).containsExactly(DAM_10, WEEK, UNNAMED);
        assertThat(CaisoFiles.select(files, LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13), List.of(OasisReport.PRC_LMP))).containsExactly(UNNAMED);
        assertThat(CaisoFiles.select(files, LocalDate.of(2024, 3, 9), day, List.of(OasisReport.PRC_LMP))).containsExactly(DAM_9, DAM_10, WEEK, UNNAMED);
    }

    @Test
    void refusesAReversedRange()
    {
        assertThatThrownBy(() -> CaisoFiles.select(List.of(DAM_10), LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 9), List.of()))
                .isInstanceOf(LakehouseException.class)
                .hasMessageContaining("Cannot select files for 2024-03-10..2024-03-09");
    }
}
