package io.energylakehouse.etl.publish;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPublishedTags
{
    @Test
    void oneTagPerSourceTableNamedForDatasetAndMarket()
    {
        Map<String, Long> sources = new LinkedHashMap<>();
        sources.put("published.hub_prices_daily", 42L);
        sources.put("curated.market_prices", 7L);
        assertThat(PublishedTags.tags("hub_prices_daily", "CAISO", sources)).containsExactly(
                new PublishedTags.Tag("published.hub_prices_daily", "published-hub_prices_daily-caiso", 42L),
                new PublishedTags.Tag("curated.market_prices", "published-hub_prices_daily-caiso", 7L));
        assertThat(PublishedTags.tags("hub_prices_hourly", "ERCOT", Map.of())).isEmpty();
    }

    @Test
    void tagNameIsLowerCaseAndStartsWithThePrefix()
    {
        assertThat(PublishedTags.name("hub_prices_hourly", "CAISO")).isEqualTo("published-hub_prices_hourly-caiso");
        assertThat(PublishedTags.name("hub_prices_daily", "pjm")).isEqualTo("published-hub_prices_daily-pjm").startsWith(PublishedTags.PREFIX);
    }

    @Test
    void rejectsNamesThatWouldMakeAmbiguousTags()
    {
        assertThatThrownBy(() -> PublishedTags.name("hub-prices", "CAISO"))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot name the published tag of dataset 'hub-prices': use lower-case letters, digits and underscores");
        assertThatThrownBy(() -> PublishedTags.name("hub_prices_daily", "CA ISO"))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot name the published tag of market 'CA ISO': use letters, digits and underscores");
    }
}
