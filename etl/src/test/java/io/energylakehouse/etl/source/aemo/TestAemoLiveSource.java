package io.energylakehouse.etl.source.aemo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.aemo.AemoTestFiles.resource;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.zip;
import static org.assertj.core.api.Assertions.assertThat;

/** Live requests to a local NEMweb on loopback: an archive month, the chunks of a month from 2024-08 until 404, and a current folder's files. */
class TestAemoLiveSource
{
    private static final String DISPATCHIS = "PUBLIC_DISPATCHIS_202407010005_0000000428183218.CSV";

    private HttpServer server;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private void serve(HttpExchange exchange)
            throws IOException
    {
        String path = exchange.getRequestURI().getRawPath();
        synchronized (received) {
            received.add(path);
        }
        byte[] body = "<html><body>404 - File or directory not found.</body></html>".getBytes(StandardCharsets.UTF_8);
        int status = 404;
        byte[] dispatch = zip(DISPATCHIS, resource(DISPATCHIS));
        if (path.endsWith("/DATA/PUBLIC_DVD_DISPATCHPRICE_202407010000.zip") || path.endsWith("%2523FILE01%2523202408010000.zip")
                || path.endsWith("%2523FILE02%2523202408010000.zip") || path.endsWith("/PUBLIC_DISPATCHIS_202409010005_0000000000000001.zip")
                || path.endsWith("/PUBLIC_DISPATCHIS_202409020000_0000000000000288.zip")) {
            body = dispatch;
            status = 200;
        }
        else if (path.contains("#") || path.contains("%23FILE")) {
            // a single %23 decodes to # on NEMweb: refused
            body = "<html>Bad Request</html>".getBytes(StandardCharsets.UTF_8);
            status = 400;
        }
        else if (path.equals("/Reports/Current/DispatchIS_Reports/")) {
            body = ("<html><body><pre><A HREF=\"/Reports/Current/\">[To Parent Directory]</A><br>"
                    + "<A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202408312355_0000000000000000.zip\">x</A><br>"
                    + "<A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202409010005_0000000000000001.zip\">x</A><br>"
                    + "<A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202409020000_0000000000000288.zip\">x</A><br>"
                    + "<A HREF=\"/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202409020005_0000000000000289.zip\">x</A><br>"
                    + "</pre></body></html>").getBytes(StandardCharsets.UTF_8);
            status = 200;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private AemoLiveSource source()
    {
        return AemoLiveSource.of(Settings.of(Map.of("etl.aemo.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/", "etl.aemo.request-pause", "0s",
                "etl.aemo.max-attempts", "1")));
    }

    @Test
    void fetchesArchiveMonthsChunkByChunkAndACurrentFolder()
    {
        AemoParser parser = new AemoParser();
        List<Payload> payloads = new ArrayList<>();
        List<ParsedPayload> parsed = new ArrayList<>();
        source().payloads(List.of(new AemoLiveSource.Archive(AemoReport.DISPATCH_PRICE, YearMonth.of(2024, 7)),
                        new AemoLiveSource.Archive(AemoReport.DISPATCH_PRICE, YearMonth.of(2024, 8)),
                        new AemoLiveSource.Current(AemoReport.DISPATCH_PRICE, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 1))))
                .forEachRemaining(payload -> {
                    payloads.add(payload);
                    parsed.add(parser.parse(payload));
                });

        assertThat(received).containsExactly(
                "/Data_Archive/Wholesale_Electricity/MMSDM/2024/MMSDM_2024_07/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_DVD_DISPATCHPRICE_202407010000.zip",
                "/Data_Archive/Wholesale_Electricity/MMSDM/2024/MMSDM_2024_08/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_ARCHIVE%2523DISPATCHPRICE%2523FILE01%2523202408010000.zip",
                "/Data_Archive/Wholesale_Electricity/MMSDM/2024/MMSDM_2024_08/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_ARCHIVE%2523DISPATCHPRICE%2523FILE02%2523202408010000.zip",
                "/Data_Archive/Wholesale_Electricity/MMSDM/2024/MMSDM_2024_08/MMSDM_Historical_Data_SQLLoader/DATA/PUBLIC_ARCHIVE%2523DISPATCHPRICE%2523FILE03%2523202408010000.zip",
                "/Reports/Current/DispatchIS_Reports/",
                "/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202409010005_0000000000000001.zip",
                "/Reports/Current/DispatchIS_Reports/PUBLIC_DISPATCHIS_202409020000_0000000000000288.zip");
        // the 404 after the last chunk ends the month; it is no payload
        assertThat(payloads).extracting(Payload::requestKey).containsExactly("DISPATCHPRICE|2024-07", "DISPATCHPRICE|2024-08|FILE01", "DISPATCHPRICE|2024-08|FILE02",
                "DISPATCHPRICE|PUBLIC_DISPATCHIS_202409010005_0000000000000001.zip", "DISPATCHPRICE|PUBLIC_DISPATCHIS_202409020000_0000000000000288.zip");
        assertThat(payloads).extracting(Payload::fileName).contains("PUBLIC_ARCHIVE#DISPATCHPRICE#FILE01#202408010000.zip");
        assertThat(payloads).extracting(Payload::origin).containsOnly(Payload.Origin.LIVE);
        assertThat(payloads).extracting(Payload::source).containsOnly("aemo-nemweb");
        assertThat(parsed).extracting(ParsedPayload::outcome).containsOnly(FetchOutcome.PARSED);
        assertThat(parsed.get(0).records()).hasSize(6);
    }

    @Test
    void aMonthWithoutItsArchiveYetIsNoData()
    {
        List<ParsedPayload> parsed = new ArrayList<>();
        source().payloads(List.of(new AemoLiveSource.Archive(AemoReport.DISPATCH_PRICE, YearMonth.of(2024, 9))))
                .forEachRemaining(payload -> parsed.add(new AemoParser().parse(payload)));

        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.get(0).detail()).contains("NEMweb has no file PUBLIC_ARCHIVE#DISPATCHPRICE#FILE01#202409010000.zip (HTTP 404): not published (yet)");
    }
}
