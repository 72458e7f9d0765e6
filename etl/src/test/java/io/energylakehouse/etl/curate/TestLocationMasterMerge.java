package io.energylakehouse.etl.curate;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.etl.curate.LocationMaster.Location;
import io.energylakehouse.etl.curate.LocationMaster.Payload;
import io.energylakehouse.etl.source.pjm.PjmConnector;
import io.energylakehouse.etl.source.pjm.PjmLmpRecord;
import io.energylakehouse.etl.source.pjm.PjmReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The merge rule of {@code curated.locations} and its missing-day check, in plain Java. */
class TestLocationMasterMerge
{
    private static final LocalDate JULY_1 = LocalDate.of(2024, 7, 1);
    private static final Payload EARLY = new Payload("fetch-a", Instant.parse("2024-06-30T12:00:00Z"));
    private static final Payload MIDDLE = new Payload("fetch-b", Instant.parse("2024-07-01T12:00:00Z"));
    private static final Payload LATE = new Payload("fetch-c", Instant.parse("2024-07-05T12:00:00Z"));

    @Test
    void mergeWidensValidityUnionsDatasetsAndTakesTheLaterPayloadsAttributes()
    {
        Location existing = new Location("PJM", "51288", "WESTERN HUB", "hub", "HUB", null, JULY_1, JULY_1.plusDays(2), List.of("rt_5min"), MIDDLE, MIDDLE);
        Location run = new Location("PJM", "51288", "WESTERN HUB NEW", "hub", null, "WEST", JULY_1.minusDays(3), JULY_1.plusDays(1), List.of("da_hourly"), EARLY, LATE);

        Location merged = existing.mergedWith(run);

        assertThat(merged).isEqualTo(new Location("PJM", "51288", "WESTERN HUB NEW", "hub", "HUB", "WEST", JULY_1.minusDays(3), JULY_1.plusDays(2),
                List.of("da_hourly", "rt_5min"), EARLY, LATE));
        assertThat(run.mergedWith(existing)).as("order does not matter").isEqualTo(merged);
        assertThat(merged.mergedWith(merged)).as("idempotent").isEqualTo(merged);
        assertThat(merged.mergedWith(existing)).as("an older view never shrinks it").isEqualTo(merged);
    }

    @Test
    void masterNeverLosesALocation()
    {
        Location retired = new Location("PJM", "1", null, "node", "GEN", "PECO", JULY_1, JULY_1, List.of("da_hourly"), EARLY, EARLY);
        Location active = new Location("PJM", "2", null, "node", "LOAD", "PECO", JULY_1, JULY_1, List.of("da_hourly"), EARLY, EARLY);
        Location activeLater = new Location("PJM", "2", null, "node", "LOAD", "PECO", JULY_1.plusDays(1), JULY_1.plusDays(1), List.of("da_hourly"), LATE, LATE);

        Map<String, Location> merged = LocationMaster.merge(Map.of("1", retired, "2", active), List.of(activeLater));

        assertThat(merged.values()).extracting(Location::locationId, Location::validFrom, Location::validTo).containsExactly(
                tuple("1", JULY_1, JULY_1),
                tuple("2", JULY_1, JULY_1.plusDays(1)));
    }

    @Test
    void mergingTwoLocationsIsRefused()
    {
        Location one = new Location("PJM", "1", null, "node", null, null, JULY_1, JULY_1, List.of("da_hourly"), EARLY, EARLY);
        Location two = new Location("PJM", "2", null, "node", null, null, JULY_1, JULY_1, List.of("da_hourly"), EARLY, EARLY);
        assertThatThrownBy(() -> one.mergedWith(two)).hasMessage("Cannot merge location PJM 1 with PJM 2: not the same location");
        assertThatThrownBy(() -> new Location("PJM", "1", null, "node", null, null, JULY_1, JULY_1.minusDays(1), List.of(), EARLY, EARLY))
                .hasMessage("Cannot hold location PJM 1: valid_to 2024-06-30 is before valid_from 2024-07-01");
    }

    @Test
    void aLocationMissingAWholeDayInsideItsValidityIsReported()
    {
        LocalDate springForward = LocalDate.of(2024, 3, 10);
        Location gappy = new Location("CAISO", "GAPPY", null, "node", null, null, springForward.minusDays(1), springForward.plusDays(1), List.of("da_hourly"), EARLY, LATE);
        Location retired = new Location("CAISO", "RETIRED", null, "node", null, null, springForward.minusDays(1), springForward.minusDays(1), List.of("da_hourly"), EARLY, EARLY);
        Location realTimeOnly = new Location("CAISO", "RT_ONLY", null, "node", null, null, springForward.minusDays(1), springForward.plusDays(1), List.of("rt_5min"), EARLY, LATE);
        Map<LocalDate, Set<String>> present = Map.of(springForward.minusDays(1), Set.of("GAPPY", "RETIRED"), springForward, Set.of(), springForward.plusDays(1), Set.of("GAPPY"));

        List<DataQualityResult> missing = LocationMaster.missingDays("CAISO", "da_hourly", List.of(gappy, retired, realTimeOnly), present,
                List.of(springForward.plusDays(1), springForward, springForward.minusDays(1)), 60, Markets.CAISO.time());

        assertThat(missing).containsExactly(new DataQualityResult("CAISO", "da_hourly", springForward, LocationMaster.LOCATION_MISSING_DAY, "GAPPY", 23, 0,
                "no row on the day although the location is valid 2024-03-09..2024-03-11 and appeared in da_hourly"));
    }

    @Test
    void sightingsKeepTheFirstAndLastPayloadAndTheLatestAttributes()
    {
        LocationMaster.Sightings sightings = new LocationMaster.Sightings("PJM");
        sightings.add(row("51288", "hub", JULY_1.plusDays(1), LATE));
        sightings.add(row("51288", "hub", JULY_1, MIDDLE));
        sightings.add(row("51288", "hub", JULY_1, EARLY));
        sightings.add(new LocationAttributes("51288", "WESTERN HUB", "HUB", "WEST"), LATE.fetchId(), LATE.publishedAtUtc());
        sightings.add(new LocationAttributes("51288", "OLD NAME", "HUB", null), EARLY.fetchId(), EARLY.publishedAtUtc());

        assertThat(sightings.locations()).containsExactly(new Location("PJM", "51288", "WESTERN HUB", "hub", "HUB", "WEST", JULY_1, JULY_1.plusDays(1),
                List.of("da_hourly"), EARLY, LATE));
    }

    @Test
    void pjmSaysNameTypeAndZone()
    {
        PjmLmpRecord item = new PjmLmpRecord(PjmReport.fromName("da_hrl_lmps"), 1, Instant.parse("2024-07-01T04:00:00Z"), "7/1/2024 12:00:00 AM", 51288L,
                "WESTERN HUB", "HUB", "WEST", null, null, 30.0, 29.0, 0.5, 0.5, true, 1, null, null);
        PjmConnector connector = new PjmConnector();
        assertThat(connector.locationAttributes(connector.report("da_hrl_lmps"), item)).contains(new LocationAttributes("51288", "WESTERN HUB", "HUB", "WEST"));
    }

    private static PriceRow row(String locationId, String locationType, LocalDate day, Payload payload)
    {
        Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return new PriceRow("PJM", "da_hourly", locationId, locationType, start, start.plusSeconds(3600), 60, day, 1, 30.0, null, null, null, null, "USD",
                payload.publishedAtUtc(), 1, payload.fetchId(), List.of());
    }
}
