package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one real AESO file we have, ../shared/fixtures/real/aeso/CSDReport_20170713.csv (the Current Supply Demand report,
 * a ragged multi-section CSV), read in place (skipped when the shared folder is absent): it is neither price report, so
 * both refuse it whole with the reason, and its name says no report.
 */
class TestAesoRealFile
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_FILE = SHARED.resolve("fixtures/real/aeso/CSDReport_20170713.csv");

    @Test
    void refusesTheSupplyDemandReportAsEitherPriceReport()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_FILE), "the shared real fixture " + REAL_FILE + " is absent");
        for (AesoReport report : AesoReport.values()) {
            Payload payload = Payload.ofFile(AesoMarket.SOURCE, report.requestName(), Payload.Origin.REPLAY, "replay", REAL_FILE);

            ParsedPayload parsed = new AesoParser().parse(payload);

            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
            assertThat(parsed.records()).isEmpty();
            assertThat(parsed.detail().orElseThrow()).startsWith("Cannot parse AESO file CSDReport_20170713.csv as " + report.reportName()
                    + ": no header line starting \"Date (HE)\" in its first lines [Current Supply Demand Report, \"Last Update : Jul 13, 2017 19:26\"");
        }
        assertThat(new AesoConnector().reportOfFile(REAL_FILE.getFileName().toString())).isEmpty();
    }
}
