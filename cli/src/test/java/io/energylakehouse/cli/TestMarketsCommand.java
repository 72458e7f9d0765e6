package io.energylakehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.etl.connector.Connectors;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TestMarketsCommand
{
    @Test
    void tableListsEveryReportAndWhetherCredentialsAreSetNeverTheirValues()
    {
        String table = MarketsCommand.withEnvironment(Map.of()).table(Connectors.all());
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("market").contains("operator", "time zone", "currency", "report", "feeds", "interval", "credentials");
        assertThat(table).contains("caiso", "California Independent System Operator", "America/Los_Angeles", "USD",
                "prc_lmp", "curated.market_prices da_hourly", "60 min", "prc_intvl_lmp", "curated.market_prices rt_5min", "5 min", "none needed");
    }

    @Test
    void jsonIsWhatScriptsAndTheAirflowFeedListRead()
            throws Exception
    {
        String secret = "s3cr3t-value";
        JsonNode markets = new ObjectMapper().readTree(MarketsCommand.withEnvironment(Map.of("PJM_API_KEY", secret)).json(Connectors.all()));
        assertThat(markets.isArray()).isTrue();
        JsonNode caiso = markets.get(0);
        assertThat(caiso.get("code").asText()).isEqualTo("caiso");
        assertThat(caiso.get("time_zone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(caiso.get("reports").get(0).get("name").asText()).isEqualTo("prc_lmp");
        assertThat(caiso.get("reports").get(0).get("outputs").get(0).get("interval_minutes").asInt()).isEqualTo(60);
        assertThat(caiso.get("reports").get(1).get("outputs").get(0).get("dataset").asText()).isEqualTo("rt_5min");
        assertThat(markets.toString()).doesNotContain(secret);
    }
}
