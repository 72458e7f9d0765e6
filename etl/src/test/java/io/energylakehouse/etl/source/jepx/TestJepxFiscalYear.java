package io.energylakehouse.etl.source.jepx;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which fiscal-year file a day needs, and the downloads a window plans. */
class TestJepxFiscalYear
{
    @Test
    void aDayOfJanuaryToMarchIsInThePreviousCalendarYearsFile()
    {
        assertThat(JepxFiscalYear.of(LocalDate.of(2026, 1, 15)).fileName()).isEqualTo("spot_2025.csv");
        assertThat(JepxFiscalYear.of(LocalDate.of(2025, 3, 31)).fileName()).isEqualTo("spot_2024.csv");
        assertThat(JepxFiscalYear.of(LocalDate.of(2025, 4, 1)).fileName()).isEqualTo("spot_2025.csv");
        assertThat(JepxFiscalYear.of(LocalDate.of(2025, 12, 31)).fileName()).isEqualTo("spot_2025.csv");
        assertThat(new JepxFiscalYear(2024).firstDay()).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(new JepxFiscalYear(2024).lastDay()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(JepxFiscalYear.ofFileName("spot_2025.csv")).contains(new JepxFiscalYear(2025));
        assertThat(JepxFiscalYear.ofFileName("spot_summary_2025.csv")).contains(new JepxFiscalYear(2025));
        assertThat(JepxFiscalYear.ofFileName("jepx_spot_2025.csv")).contains(new JepxFiscalYear(2025));
        assertThat(JepxFiscalYear.ofFileName("eia_spot_2025.csv")).isEmpty();
        assertThat(JepxFiscalYear.ofFileName("README.txt")).isEmpty();
    }

    @Test
    void aWindowAcrossFirstAprilFetchesBothFilesEachForItsDays()
    {
        List<JepxLiveSource.Request> requests = JepxLiveSource.plan(LocalDate.of(2025, 3, 30), LocalDate.of(2025, 4, 2), Instant.parse("2025-06-01T00:00:00Z"));

        assertThat(requests).extracting(JepxLiveSource.Request::requestKey).containsExactly("spot_2024.csv|2025-03-30..2025-03-31",
                "spot_2025.csv|2025-04-01..2025-04-02");
        assertThat(requests.get(0).uri(JepxLiveSource.DEFAULT_BASE_URL).toString()).isEqualTo("https://www.jepx.jp/market/excel/spot_2024.csv");
        assertThat(JepxLiveSource.Request.window("spot_2024.csv|2025-03-30..2025-03-31"))
                .contains(new JepxSpotParser.DateWindow(LocalDate.of(2025, 3, 30), LocalDate.of(2025, 3, 31)));
        assertThat(JepxLiveSource.Request.window("spot|fuzz")).isEmpty();
        assertThat(JepxLiveSource.Request.window("")).isEmpty();
    }

    @Test
    void aJanuaryWindowFetchesThePreviousYearsFileAndAYearNotStartedIsNotAskedFor()
    {
        assertThat(JepxLiveSource.plan(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 12), Instant.parse("2026-01-12T03:00:00Z")))
                .extracting(JepxLiveSource.Request::requestKey).containsExactly("spot_2025.csv|2026-01-10..2026-01-12");
        // on 31 March 10:00 JST the auction for 1 April clears: FY2026's file may exist; FY2027's not
        assertThat(JepxLiveSource.plan(LocalDate.of(2026, 3, 31), LocalDate.of(2027, 4, 2), Instant.parse("2026-03-31T01:00:00Z")))
                .extracting(JepxLiveSource.Request::fileName).containsExactly("spot_2025.csv", "spot_2026.csv");
        assertThat(JepxLiveSource.plan(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 1), Instant.parse("2026-03-30T00:00:00Z"))).isEmpty();
    }
}
