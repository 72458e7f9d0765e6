package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic JEPX files: the operator's layout, strict Shift_JIS, parsed and curated with no rejection, the same bytes for a seed. */
class TestJepxSynthetic
{
    private static final List<LocalDate> DAYS = new JepxConnector().demoDates();

    @Test
    void theDemoDaysMakeOneFilePerFiscalYearThatParsesWithNoRejection()
            throws Exception
    {
        List<SyntheticJepx.GeneratedFile> files = new SyntheticJepx(7).files(DAYS);

        assertThat(files).extracting(SyntheticJepx.GeneratedFile::fileName).containsExactly("spot_2024.csv", "spot_2025.csv");
        int days = 0;
        for (SyntheticJepx.GeneratedFile file : files) {
            // strict Shift_JIS, CRLF, the documented header with its spacer columns
            String text = JepxTestFiles.SHIFT_JIS.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.bytes())).toString();
            assertThat(text).startsWith(JepxTestFiles.HEADER + "\r\n");
            ParsedPayload parsed = JepxSpotParser.parse(PayloadContent.of(file.bytes()), file.fileName(), PayloadLimits.DEFAULTS, Optional.empty());
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).isEmpty();
            assertThat(parsed.detail()).isEmpty();
            assertThat(parsed.records()).hasSize(parsed.operatingDates().size() * 48);
            CanonicalPrices prices = new JepxConnector().canonical(JepxConnector.SPOT, parsed.records(), file.publishedAtUtc(), "fetch-" + file.fileName());
            assertThat(prices.rejected()).isEmpty();
            assertThat(prices.rows()).hasSize(parsed.records().size() * 10);
            days += parsed.operatingDates().size();
        }
        assertThat(days).isEqualTo(DAYS.size());
    }

    @Test
    void theSameSeedWritesTheSameBytesBesideAReadme(@TempDir Path folder)
            throws IOException
    {
        List<Path> written = new SyntheticJepx(7).write(folder, DAYS);
        byte[] first = Files.readAllBytes(written.get(0));
        new SyntheticJepx(7).write(folder, DAYS);

        assertThat(Files.readAllBytes(written.get(0))).isEqualTo(first);
        assertThat(new SyntheticJepx(8).files(DAYS).get(0).bytes()).isNotEqualTo(first);
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly("spot_2024.csv", "spot_2025.csv");
    }
}
