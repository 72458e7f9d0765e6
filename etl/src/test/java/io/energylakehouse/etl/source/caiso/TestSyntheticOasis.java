package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample generator: deterministic, OASIS's format, consistent prices, unique names on DST days. */
class TestSyntheticOasis
{
    private static final List<String> NODES = SyntheticOasis.nodes(12);

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherPrices()
    {
        LocalDate day = LocalDate.of(2024, 11, 3);
        assertThat(new SyntheticOasis(5).dayAhead(day, NODES).bytes()).isEqualTo(new SyntheticOasis(5).dayAhead(day, NODES).bytes());
        assertThat(new SyntheticOasis(6).dayAhead(day, NODES).bytes()).isNotEqualTo(new SyntheticOasis(5).dayAhead(day, NODES).bytes());
    }

    @Test
    void namesTheNodesSoTheyCannotBeMistakenForMarketData()
    {
        assertThat(NODES).startsWith(CaisoMarket.NP15, CaisoMarket.SP15, CaisoMarket.ZP26, "DLAP_PGAE-APND");
        assertThat(NODES.subList(7, NODES.size())).allMatch(node -> node.startsWith("SYN_"));
        assertThat(NODES).doesNotHaveDuplicates();
    }

    @Test
    void fileNamesAreUniqueOnTheFallBackDay()
    {
        SyntheticOasis generator = new SyntheticOasis(5);
        Set<String> names = new HashSet<>();
        for (Instant hour : CaisoMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60)) {
            names.add(generator.realTimeHour(hour, NODES).fileName());
        }
        assertThat(names).hasSize(25);
    }

    @Test
    void parsesBackWithTotalsEqualToTheSumOfComponentsAndRowsOutOfTimeOrder()
    {
        SyntheticOasis.GeneratedFile file = new SyntheticOasis(5).realTimeHour(Instant.parse("2024-07-01T19:00:00Z"), NODES);
        ParsedPayload parsed = OasisLmpParser.parseFile(OasisReport.PRC_INTVL_LMP, file.bytes(), file.fileName());

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(12 * 12 * 5);
        assertThat(parsed.publishedAtUtc()).contains(file.generatedAtUtc());
        Map<String, Double> total = new HashMap<>();
        Map<String, Double> components = new HashMap<>();
        List<Instant> order = new ArrayList<>();
        for (Object item : parsed.records()) {
            OasisLmpRecord record = (OasisLmpRecord) item;
            String key = record.node() + record.intervalStartUtc();
            if (record.lmpType().equals("LMP")) {
                total.put(key, record.value());
                if (record.node().equals(CaisoMarket.NP15)) {
                    order.add(record.intervalStartUtc());
                }
            }
            else {
                components.merge(key, record.value(), Double::sum);
            }
        }
        assertThat(total).hasSize(12 * 12);
        total.forEach((key, value) -> assertThat(value).isCloseTo(components.get(key), org.assertj.core.data.Offset.offset(1e-4)));
        assertThat(order).hasSize(12).isNotEqualTo(order.stream().sorted().toList());
    }
}
