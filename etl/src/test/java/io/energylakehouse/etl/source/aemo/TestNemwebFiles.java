package io.energylakehouse.etl.source.aemo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** NEMweb's file names and URLs: the MMSDM archive before and from 2024-08 ({@code #} sent as {@code %2523}), current listings, and the plan. */
class TestNemwebFiles
{
    private static final String BASE = AemoLiveSource.DEFAULT_BASE_URL;

    @Test
    void namesTheMonthlyArchiveBeforeAndFromAugust2024()
    {
        assertThat(NemwebFiles.archiveUri(BASE, "DISPATCHPRICE", YearMonth.of(2018, 4), 1).toString()).isEqualTo("https://www.nemweb.com.au/Data_Archive/"
                + "Wholesale_Electricity/MMSDM/2018/MMSDM_2018_04/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_DVD_DISPATCHPRICE_201804010000.zip");
        assertThat(NemwebFiles.archiveUri(BASE, "DISPATCHPRICE", YearMonth.of(2024, 7), 3).toString())
                .endsWith("/MMSDM/2024/MMSDM_2024_07/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_DVD_DISPATCHPRICE_202407010000.zip");
        assertThat(NemwebFiles.archiveFileName("DISPATCHPRICE", YearMonth.of(2024, 8), 2)).isEqualTo("PUBLIC_ARCHIVE#DISPATCHPRICE#FILE02#202408010000");
        assertThat(NemwebFiles.archiveUri(BASE, "TRADINGPRICE", YearMonth.of(2024, 8), 1).toString()).isEqualTo("https://www.nemweb.com.au/Data_Archive/"
                + "Wholesale_Electricity/MMSDM/2024/MMSDM_2024_08/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_ARCHIVE%2523TRADINGPRICE%2523FILE01%2523202408010000.zip");
        // the URI keeps %2523 as written: it is sent as is, and NEMweb decodes it once to the stored %23
        assertThat(NemwebFiles.archiveUri(BASE, "TRADINGPRICE", YearMonth.of(2025, 1), 12).getRawPath()).endsWith("PUBLIC_ARCHIVE%2523TRADINGPRICE%2523FILE12"
                + "%2523202501010000.zip");
        assertThat(NemwebFiles.isChunked(YearMonth.of(2024, 7))).isFalse();
        assertThat(NemwebFiles.isChunked(YearMonth.of(2024, 8))).isTrue();
    }

    @Test
    void readsTheFilesACurrentListingLinksTo()
    {
        String html = "<html><head><title>nemweb.com.au - /Reports/Current/DispatchIS_Reports/</title></head><body><H1>nemweb.com.au - "
                + "/Reports/Current/DispatchIS_Reports/</H1><hr>\n<pre><A HREF=\"/Reports/Current/\">[To Parent Directory]</A><br><br>"
                + " Monday, July 1, 2024  12:05 AM      20814 <A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip\">"
                + "PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip</A><br>"
                + " Monday, July 1, 2024  12:10 AM      20911 <A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202407010010_0000000428183301.zip\">"
                + "PUBLIC_DISPATCHIS_202407010010_0000000428183301.zip</A><br>"
                + " Tuesday, July 2, 2024  12:00 AM      20011 <A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202407020000_0000000428190000.zip\">"
                + "PUBLIC_DISPATCHIS_202407020000_0000000428190000.zip</A><br>"
                + " Tuesday, July 2, 2024  12:05 AM      20011 <A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202407020005_0000000428190077.zip\">"
                + "PUBLIC_DISPATCHIS_202407020005_0000000428190077.zip</A><br>"
                + " Tuesday, July 2, 2024  12:05 AM        311 <A HREF=\"/Reports/Current/DispatchIS_Reports/CURRENTDAY.manifest\">CURRENTDAY.manifest</A><br>"
                + "</pre><hr></body></html>";

        List<NemwebFiles.ListedFile> files = NemwebFiles.listedFiles(html, "PUBLIC_DISPATCHIS_");

        assertThat(files).extracting(NemwebFiles.ListedFile::fileName).containsExactly("PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip",
                "PUBLIC_DISPATCHIS_202407010010_0000000428183301.zip", "PUBLIC_DISPATCHIS_202407020000_0000000428190000.zip",
                "PUBLIC_DISPATCHIS_202407020005_0000000428190077.zip");
        assertThat(files.get(0).nemTime()).isEqualTo(LocalDateTime.of(2024, 7, 1, 0, 5));
        LocalDate day = LocalDate.of(2024, 7, 1);
        // the interval ending 2024/07/02 00:00 is the NEM day 2024-07-01's last
        assertThat(files.stream().filter(file -> NemwebFiles.coversDays(file, day, day)).map(NemwebFiles.ListedFile::fileName))
                .containsExactly("PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip", "PUBLIC_DISPATCHIS_202407010010_0000000428183301.zip",
                        "PUBLIC_DISPATCHIS_202407020000_0000000428190000.zip");
    }

    @Test
    void plansArchiveMonthsAndTheCurrentMonthsFolders()
    {
        // 2024-09-10 02:00 NEM time
        Instant now = Instant.parse("2024-09-09T16:00:00Z");

        List<AemoLiveSource.Request> requests = AemoLiveSource.plan(List.of(AemoReport.DISPATCH_PRICE, AemoReport.DAILY, AemoReport.PRICE_THRESHOLDS),
                LocalDate.of(2024, 7, 30), LocalDate.of(2024, 9, 20), now);

        assertThat(requests).containsExactly(
                new AemoLiveSource.Archive(AemoReport.DISPATCH_PRICE, YearMonth.of(2024, 7)),
                new AemoLiveSource.Archive(AemoReport.DISPATCH_PRICE, YearMonth.of(2024, 8)),
                new AemoLiveSource.Current(AemoReport.DISPATCH_PRICE, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 10)),
                new AemoLiveSource.Current(AemoReport.DAILY, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 10)),
                new AemoLiveSource.Archive(AemoReport.PRICE_THRESHOLDS, YearMonth.of(2024, 8)));
    }
}
