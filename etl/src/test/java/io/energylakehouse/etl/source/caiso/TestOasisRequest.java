package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.caiso.OasisReport.PRC_INTVL_LMP;
import static io.energylakehouse.etl.source.caiso.OasisReport.PRC_LMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestOasisRequest
{
    private static final String BASE_URL = "https://oasis.caiso.com/oasisapi/SingleZip";
    private static final LocalDate TODAY = LocalDate.of(2024, 7, 1);
    private static final List<String> HUBS = List.of("TH_NP15_GEN-APND", "TH_SP15_GEN-APND");

    @Test
    void testDayAheadAllNodesUri()
    {
        OasisRequest request = OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-03-10T08:00:00Z"), Instant.parse("2024-03-11T07:00:00Z"));
        assertThat(request.toUri(BASE_URL).toString()).isEqualTo("https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP&version=12"
                + "&market_run_id=DAM&resultformat=6&startdatetime=20240310T08:00-0000&enddatetime=20240311T07:00-0000&grp_type=ALL_APNODES");
        assertThat(request.requestKey()).isEqualTo("PRC_LMP|DAM|2024-03-10T08:00:00Z|2024-03-11T07:00:00Z|ALL_APNODES");
        assertThat(request.defaultFileName()).isEqualTo("PRC_LMP_20240310T0800Z.zip");
    }

    @Test
    void testRealTimeHourUri()
    {
        OasisRequest request = OasisRequest.allNodes(PRC_INTVL_LMP, Instant.parse("2024-07-01T07:00:00Z"), Instant.parse("2024-07-01T08:00:00Z"));
        assertThat(request.toUri(BASE_URL).toString()).isEqualTo("https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_INTVL_LMP&version=3"
                + "&market_run_id=RTM&resultformat=6&startdatetime=20240701T07:00-0000&enddatetime=20240701T08:00-0000&grp_type=ALL_APNODES");
        assertThat(request.requestKey()).isEqualTo("PRC_INTVL_LMP|RTM|2024-07-01T07:00:00Z|2024-07-01T08:00:00Z|ALL_APNODES");
    }

    @Test
    void testNamedNodesUri()
    {
        OasisRequest request = OasisRequest.ofNodes(PRC_LMP, Instant.parse("2024-07-01T07:00:00Z"), Instant.parse("2024-07-02T07:00:00Z"), HUBS);
        assertThat(request.toUri(BASE_URL).toString()).isEqualTo("https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP&version=12"
                + "&market_run_id=DAM&resultformat=6&startdatetime=20240701T07:00-0000&enddatetime=20240702T07:00-0000"
                + "&node=TH_NP15_GEN-APND,TH_SP15_GEN-APND");
        assertThat(request.requestKey()).isEqualTo("PRC_LMP|DAM|2024-07-01T07:00:00Z|2024-07-02T07:00:00Z|nodes:TH_NP15_GEN-APND,TH_SP15_GEN-APND");

        OasisRequest oddNames = OasisRequest.ofNodes(PRC_LMP, Instant.parse("2024-07-01T07:00:00Z"), Instant.parse("2024-07-02T07:00:00Z"),
                List.of("A B&C", "D=E/F"));
        assertThat(oddNames.toUri(BASE_URL).getRawQuery()).endsWith("&node=A%20B%26C,D%3DE%2FF");
        assertThat(oddNames.toUri(BASE_URL).getQuery()).endsWith("&node=A B&C,D=E/F");
    }

    @Test
    void testSelection()
    {
        assertThatThrownBy(() -> OasisRequest.Selection.ofNodes(List.of()))
                .hasMessage("Cannot request CAISO OASIS for an empty list of nodes: name at least one node, or use all nodes");
        assertThatThrownBy(() -> OasisRequest.Selection.ofNodes(List.of("N1", "N2", "N1")))
                .hasMessage("Cannot request CAISO OASIS nodes [N1, N2, N1]: node N1 is listed twice");
        assertThatThrownBy(() -> OasisRequest.Selection.ofNodes(List.of("N1,N2")))
                .hasMessage("Cannot request CAISO OASIS node 'N1,N2': a node name is not blank, has no comma and no surrounding spaces");
        assertThatThrownBy(() -> OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-07-01T07:00:30Z"), Instant.parse("2024-07-02T07:00:00Z")))
                .hasMessage("Cannot request CAISO OASIS PRC_LMP at 2024-07-01T07:00:30Z: OASIS takes whole minutes");
    }

    @Test
    void testDayAheadPlanOneRequestPerOperatingDay()
    {
        List<OasisRequest> springForward = OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 11), List.of());
        assertThat(springForward).containsExactly(
                OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-03-09T08:00:00Z"), Instant.parse("2024-03-10T08:00:00Z")),
                OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-03-10T08:00:00Z"), Instant.parse("2024-03-11T07:00:00Z")),
                OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-03-11T07:00:00Z"), Instant.parse("2024-03-12T07:00:00Z")));
        assertThat(Duration.between(springForward.get(1).startUtc(), springForward.get(1).endUtc())).isEqualTo(Duration.ofHours(23));

        List<OasisRequest> fallBack = OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3), List.of());
        assertThat(fallBack).containsExactly(
                OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-11-03T07:00:00Z"), Instant.parse("2024-11-04T08:00:00Z")));
        assertThat(Duration.between(fallBack.get(0).startUtc(), fallBack.get(0).endUtc())).isEqualTo(Duration.ofHours(25));

        // Every planned request passes OASIS's limits, the 23- and 25-hour days included.
        springForward.forEach(request -> request.validate(TODAY, 39));
        fallBack.forEach(request -> request.validate(LocalDate.of(2024, 12, 1), 39));
    }

    @Test
    void testRealTimePlanOneRequestPerHour()
    {
        List<OasisRequest> requests = OasisRequest.plan(PRC_INTVL_LMP, LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 10), List.of());
        assertThat(requests).hasSize(23);
        assertThat(requests.get(0)).isEqualTo(
                OasisRequest.allNodes(PRC_INTVL_LMP, Instant.parse("2024-03-10T08:00:00Z"), Instant.parse("2024-03-10T09:00:00Z")));
        assertThat(requests.get(22)).isEqualTo(
                OasisRequest.allNodes(PRC_INTVL_LMP, Instant.parse("2024-03-11T06:00:00Z"), Instant.parse("2024-03-11T07:00:00Z")));
        for (int index = 1; index < requests.size(); index++) {
            assertThat(requests.get(index).startUtc()).isEqualTo(requests.get(index - 1).endUtc());
        }
        requests.forEach(request -> {
            assertThat(Duration.between(request.startUtc(), request.endUtc())).isEqualTo(Duration.ofHours(1));
            request.validate(TODAY, 39);
        });

        assertThat(OasisRequest.plan(PRC_INTVL_LMP, LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3), List.of())).hasSize(25);
    }

    @Test
    void testNamedNodesPlanSplitsIntoWindowsOfAtMost31Days()
    {
        // 2024-01-01..2024-03-10 is 70 operating days, the spring-forward day last.
        List<OasisRequest> requests = OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 10), HUBS);
        assertThat(requests).containsExactly(
                OasisRequest.ofNodes(PRC_LMP, Instant.parse("2024-01-01T08:00:00Z"), Instant.parse("2024-02-01T08:00:00Z"), HUBS),
                OasisRequest.ofNodes(PRC_LMP, Instant.parse("2024-02-01T08:00:00Z"), Instant.parse("2024-03-03T08:00:00Z"), HUBS),
                OasisRequest.ofNodes(PRC_LMP, Instant.parse("2024-03-03T08:00:00Z"), Instant.parse("2024-03-11T07:00:00Z"), HUBS));
        requests.forEach(request -> request.validate(TODAY, 39));

        // A 31-day window across the spring-forward day is 743 hours and still allowed.
        OasisRequest march = OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31), HUBS).get(0);
        assertThat(Duration.between(march.startUtc(), march.endUtc())).isEqualTo(Duration.ofHours(31 * 24 - 1));
        march.validate(TODAY, 39);
    }

    @Test
    void testPlanRejectsReversedDates()
    {
        assertThatThrownBy(() -> OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 9), List.of()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot plan CAISO OASIS PRC_LMP requests for 2024-03-10..2024-03-09: the last operating date is before the first");
    }

    @Test
    void testValidateAllNodesDayAheadWindow()
    {
        OasisRequest twoDays = OasisRequest.allNodes(PRC_LMP, CaisoMarket.TIME.dayStart(LocalDate.of(2024, 3, 10)),
                CaisoMarket.TIME.dayEnd(LocalDate.of(2024, 3, 11)));
        assertThatThrownBy(() -> twoDays.validate(TODAY, 39))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot request CAISO OASIS PRC_LMP for all nodes from 2024-03-10T08:00:00Z to 2024-03-12T07:00:00Z (47 hours): "
                        + "OASIS serves all nodes of DAM for at most 1 day per request");
    }

    @Test
    void testValidateAllNodesRealTimeWindow()
    {
        OasisRequest twoHours = OasisRequest.allNodes(PRC_INTVL_LMP, Instant.parse("2024-07-01T07:00:00Z"), Instant.parse("2024-07-01T09:00:00Z"));
        assertThatThrownBy(() -> twoHours.validate(TODAY, 39))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot request CAISO OASIS PRC_INTVL_LMP for all nodes from 2024-07-01T07:00:00Z to 2024-07-01T09:00:00Z (2 hours): "
                        + "OASIS serves all nodes of RTM for at most 1 hour per request");
    }

    @Test
    void testValidateNamedNodesWindow()
    {
        OasisRequest thirtyTwoDays = OasisRequest.ofNodes(PRC_LMP, CaisoMarket.TIME.dayStart(LocalDate.of(2024, 1, 1)),
                CaisoMarket.TIME.dayEnd(LocalDate.of(2024, 2, 1)), HUBS);
        assertThatThrownBy(() -> thirtyTwoDays.validate(TODAY, 39))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot request CAISO OASIS PRC_LMP for nodes TH_NP15_GEN-APND,TH_SP15_GEN-APND from 2024-01-01T08:00:00Z "
                        + "to 2024-02-02T08:00:00Z (32 days): OASIS serves at most 31 days per request (error 1004)");
    }

    @Test
    void testValidateStartBeforeEnd()
    {
        OasisRequest empty = OasisRequest.allNodes(PRC_LMP, Instant.parse("2024-07-01T07:00:00Z"), Instant.parse("2024-07-01T07:00:00Z"));
        assertThatThrownBy(() -> empty.validate(TODAY, 39))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot request CAISO OASIS PRC_LMP from 2024-07-01T07:00:00Z to 2024-07-01T07:00:00Z: the start is not before the end");
    }

    @Test
    void testValidateRetention()
    {
        // 39 months before 2024-07-01 is 2021-04-01.
        OasisRequest.plan(PRC_LMP, LocalDate.of(2021, 4, 1), LocalDate.of(2021, 4, 1), List.of()).get(0).validate(TODAY, 39);
        OasisRequest tooOld = OasisRequest.plan(PRC_LMP, LocalDate.of(2021, 3, 31), LocalDate.of(2021, 3, 31), List.of()).get(0);
        assertThatThrownBy(() -> tooOld.validate(TODAY, 39))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot request CAISO OASIS PRC_LMP starting 2021-03-31T07:00:00Z (operating date 2021-03-31): OASIS keeps about "
                        + "39 months, so on 2024-07-01 the earliest operating date is 2021-04-01 (error 1014)");
    }
}
