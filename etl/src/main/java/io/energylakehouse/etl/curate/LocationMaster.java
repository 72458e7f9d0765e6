package io.energylakehouse.etl.curate;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.raw.RawFields;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * {@code curated.locations}, the node master of every market, and the data-quality check it enables. Curation refreshes
 * a market's rows from the locations of the days it curated ({@link Sightings}), merged with the rows already there by
 * {@link Location#mergedWith}: validity only widens, datasets only grow, and a location never leaves the master (a node
 * retired in 2023 keeps its row and its last day). A refresh that changes no row writes nothing.
 *
 * <p>The check {@value #LOCATION_MISSING_DAY}: a location of the master that appeared in a dataset and whose validity
 * covers a curated day of that dataset, but has no row on it, is missing for the whole day ({@link #missingDays}).
 */
public final class LocationMaster
{
    private static final Logger log = LoggerFactory.getLogger(LocationMaster.class);

    /** The check name of a location missing for a whole day inside its validity, in {@code curated.data_quality}. */
    public static final String LOCATION_MISSING_DAY = "location_missing_day";

    private static final int COMMIT_ATTEMPTS = 3;

    /** Publication time, then fetch id: which of two payloads came first. */
    private static final Comparator<Payload> PUBLICATION = Comparator.comparing(Payload::publishedAtUtc, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Payload::fetchId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private LocationMaster() {}

    /** A payload a location appeared in. */
    public record Payload(String fetchId, Instant publishedAtUtc)
    {
        public Payload
        {
            requireNonNull(fetchId, "fetchId is null");
        }

        static Payload earlier(Payload a, Payload b)
        {
            return PUBLICATION.compare(b, a) < 0 ? b : a;
        }

        static Payload later(Payload a, Payload b)
        {
            return PUBLICATION.compare(b, a) > 0 ? b : a;
        }
    }

    /** One row of {@code curated.locations}. */
    public record Location(String market, String locationId, String locationName, String locationType, String operatorTypeCode, String zoneName,
            LocalDate validFrom, LocalDate validTo, List<String> datasets, Payload first, Payload last)
    {
        public Location
        {
            requireNonNull(market, "market is null");
            requireNonNull(locationId, "locationId is null");
            requireNonNull(locationType, "locationType is null");
            requireNonNull(validFrom, "validFrom is null");
            requireNonNull(validTo, "validTo is null");
            datasets = List.copyOf(new TreeSet<>(requireNonNull(datasets, "datasets is null")));
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
            if (validTo.isBefore(validFrom)) {
                throw new IllegalArgumentException("Cannot hold location " + market + " " + locationId + ": valid_to " + validTo + " is before valid_from " + validFrom);
            }
        }

        /**
         * The location as both rows say: the earlier {@code valid_from} and later {@code valid_to}, the union of the
         * datasets, the earlier first payload and the later last payload; type, name, type code and zone as the later
         * last payload says (on a tie this row's), a null taken from the other row.
         */
        public Location mergedWith(Location other)
        {
            if (!market.equals(other.market) || !locationId.equals(other.locationId)) {
                throw new IllegalArgumentException("Cannot merge location " + market + " " + locationId + " with " + other.market + " " + other.locationId
                        + ": not the same location");
            }
            boolean otherIsLater = PUBLICATION.compare(other.last, last) > 0;
            Location later = otherIsLater ? other : this;
            Location earlier = otherIsLater ? this : other;
            TreeSet<String> allDatasets = new TreeSet<>(datasets);
            allDatasets.addAll(other.datasets);
            return new Location(market, locationId, orElse(later.locationName, earlier.locationName), later.locationType,
                    orElse(later.operatorTypeCode, earlier.operatorTypeCode), orElse(later.zoneName, earlier.zoneName),
                    validFrom.isBefore(other.validFrom) ? validFrom : other.validFrom, validTo.isAfter(other.validTo) ? validTo : other.validTo,
                    List.copyOf(allDatasets), Payload.earlier(first, other.first), later.last);
        }

        /** Whether the day is inside {@code valid_from..valid_to}. */
        public boolean covers(LocalDate day)
        {
            return !day.isBefore(validFrom) && !day.isAfter(validTo);
        }

        /** The value of a {@code curated.locations} column by name, as Spark would hold it. */
        public Object value(String column)
        {
            return switch (column) {
                case "market" -> market;
                case "location_id" -> locationId;
                case "location_name" -> locationName;
                case "location_type" -> locationType;
                case "operator_type_code" -> operatorTypeCode;
                case "zone_name" -> zoneName;
                case "valid_from" -> validFrom;
                case "valid_to" -> validTo;
                case "datasets" -> datasets;
                case "first_fetch_id" -> first.fetchId();
                case "first_published_at_utc" -> first.publishedAtUtc();
                case "last_fetch_id" -> last.fetchId();
                case "last_published_at_utc" -> last.publishedAtUtc();
                default -> throw new IllegalArgumentException("Cannot read column " + column + " of a location: not a column of curated.locations");
            };
        }

        /** A row of {@code curated.locations} as read back by Iceberg or Spark. */
        static Location fromFields(RawFields row)
        {
            @SuppressWarnings("unchecked")
            List<String> datasets = (List<String>) row.get("datasets");
            return new Location(row.string("market"), row.string("location_id"), row.string("location_name"), row.string("location_type"),
                    row.string("operator_type_code"), row.string("zone_name"), row.date("valid_from"), row.date("valid_to"), datasets,
                    new Payload(row.string("first_fetch_id"), row.instant("first_published_at_utc")),
                    new Payload(row.string("last_fetch_id"), row.instant("last_published_at_utc")));
        }

        private static String orElse(String value, String fallback)
        {
            return value != null ? value : fallback;
        }
    }

    /**
     * The master's rows merged with a run's: per location, the existing row merged with the run's ({@link Location#mergedWith});
     * locations only one side holds are kept as they are. Never drops a location. Sorted by location id.
     */
    public static Map<String, Location> merge(Map<String, Location> existing, Collection<Location> run)
    {
        Map<String, Location> merged = new TreeMap<>(existing);
        for (Location location : run) {
            merged.merge(location.locationId(), location, Location::mergedWith);
        }
        return merged;
    }

    /**
     * {@value #LOCATION_MISSING_DAY} results of one dataset's curated days: every location of the master that appeared in
     * the dataset and whose validity covers a day, but that has no row on it ({@code present}: the locations with rows per
     * day). Expects the day's intervals of {@code intervalMinutes} and observes none.
     */
    public static List<DataQualityResult> missingDays(String market, String dataset, Collection<Location> master, Map<LocalDate, Set<String>> present,
            Collection<LocalDate> days, int intervalMinutes, MarketTime time)
    {
        List<DataQualityResult> results = new ArrayList<>();
        for (LocalDate day : new TreeSet<>(days)) {
            Set<String> withRows = present.getOrDefault(day, Set.of());
            long expected = (time.dayEnd(day).getEpochSecond() - time.dayStart(day).getEpochSecond()) / (60L * intervalMinutes);
            for (Location location : master) {
                if (location.market().equals(market) && location.covers(day) && location.datasets().contains(dataset) && !withRows.contains(location.locationId())) {
                    results.add(new DataQualityResult(market, dataset, day, LOCATION_MISSING_DAY, location.locationId(), expected, 0,
                            "no row on the day although the location is valid " + location.validFrom() + ".." + location.validTo() + " and appeared in " + dataset));
                }
            }
        }
        return results;
    }

    /**
     * The locations of a run's curated rows, collected on the driver: per location the days, datasets and payloads of
     * its rows, its type as the latest payload says, and what the records of the latest payload that said anything
     * say of its name, type code and zone ({@link io.energylakehouse.etl.connector.MarketConnector#locationAttributes}).
     */
    public static final class Sightings
    {
        private final String market;
        private final Map<String, Seen> seen = new HashMap<>();
        private final Map<String, Attributed> attributes = new HashMap<>();

        public Sightings(String market)
        {
            this.market = requireNonNull(market, "market is null");
        }

        /** A curated row of the run. */
        public void add(PriceRow row)
        {
            Seen location = seen.get(row.locationId());
            if (location == null || !row.fetchId().equals(location.first.fetchId()) || !row.fetchId().equals(location.last.fetchId())) {
                Payload payload = new Payload(row.fetchId(), row.publishedAtUtc());
                add(row.locationId(), row.locationType(), row.dataset(), row.operatingDate(), payload, payload);
                return;
            }
            location.datasets.add(row.dataset());
            location.widen(row.operatingDate());
        }

        /** Rows of one location, dataset and day, from the {@code first} to the {@code last} payload (of which {@code locationType} is). */
        public void add(String locationId, String locationType, String dataset, LocalDate operatingDate, Payload first, Payload last)
        {
            Seen location = seen.get(locationId);
            if (location == null) {
                seen.put(locationId, new Seen(locationType, dataset, operatingDate, first, last));
                return;
            }
            location.datasets.add(dataset);
            location.widen(operatingDate);
            location.first = Payload.earlier(location.first, first);
            Payload later = Payload.later(location.last, last);
            if (later != location.last) {
                location.last = later;
                location.locationType = locationType;
            }
        }

        /** What a raw record of a payload says of its location; the latest payload's attributes are kept. */
        public void add(LocationAttributes said, String fetchId, Instant publishedAtUtc)
        {
            Attributed kept = attributes.get(said.locationId());
            if (kept != null && kept.payload.fetchId().equals(fetchId)) {
                return;
            }
            Payload payload = new Payload(fetchId, publishedAtUtc);
            if (kept == null || Payload.later(kept.payload, payload) == payload) {
                attributes.put(said.locationId(), new Attributed(said, payload));
            }
        }

        /** The run's locations (those with curated rows), as rows of the master. */
        public List<Location> locations()
        {
            List<Location> locations = new ArrayList<>(seen.size());
            seen.forEach((id, location) -> {
                Attributed said = attributes.get(id);
                LocationAttributes attributes = said == null ? null : said.attributes;
                locations.add(new Location(market, id, attributes == null ? null : attributes.locationName(), location.locationType,
                        attributes == null ? null : attributes.operatorTypeCode(), attributes == null ? null : attributes.zoneName(),
                        location.validFrom, location.validTo, List.copyOf(location.datasets), location.first, location.last));
            });
            return locations;
        }

        private static final class Seen
        {
            private final Set<String> datasets = new TreeSet<>();
            private LocalDate validFrom;
            private LocalDate validTo;
            private Payload first;
            private Payload last;
            private String locationType;

            private Seen(String locationType, String dataset, LocalDate operatingDate, Payload first, Payload last)
            {
                datasets.add(dataset);
                validFrom = operatingDate;
                validTo = operatingDate;
                this.first = first;
                this.last = last;
                this.locationType = locationType;
            }

            private void widen(LocalDate operatingDate)
            {
                if (operatingDate.isBefore(validFrom)) {
                    validFrom = operatingDate;
                }
                if (operatingDate.isAfter(validTo)) {
                    validTo = operatingDate;
                }
            }
        }

        private record Attributed(LocationAttributes attributes, Payload payload) {}
    }

    /**
     * Merges the run's locations into the market's rows of {@code curated.locations} (read and written on the driver: one
     * partition of some thousand rows at most) and returns the market's master as it now is. Writes only when a row
     * changed, in one commit that replaces the market's partition; a concurrent refresh of the same market makes it read
     * and merge again.
     */
    public static Map<String, Location> refresh(Lakehouse lakehouse, String market, Collection<Location> run, String description)
    {
        List<String> columns = CanonicalTables.LOCATIONS.columnNames();
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Map<String, Location> existing = new TreeMap<>();
            for (Record record : lakehouse.scan(CanonicalTables.LOCATIONS, Expressions.equal("market", market), columns)) {
                Location location = Location.fromFields(RawFields.of(record));
                existing.put(location.locationId(), location);
            }
            Map<String, Location> merged = merge(existing, run);
            long changed = merged.entrySet().stream().filter(entry -> !entry.getValue().equals(existing.get(entry.getKey()))).count();
            if (changed == 0) {
                log.info("Stage locations: {}: {} locations of the run, none new or widened; curated.locations unchanged ({} rows of {}, {} ms)",
                        description, run.size(), merged.size(), market, (System.nanoTime() - started) / 1_000_000);
                return merged;
            }
            List<Row> rows = merged.values().stream().map(location -> RowFactory.create(columns.stream().map(location::value).toArray())).toList();
            try {
                lakehouse.overwriteRows(CanonicalTables.LOCATIONS, rows, Expressions.equal("market", market), CurationInputs.marketWrite(market));
            }
            catch (LakehouseException e) {
                if (e.errorCode() != ErrorCode.EXTERNAL_SERVICE || attempt >= COMMIT_ATTEMPTS) {
                    throw e;
                }
                log.info("Stage locations: {}: another run refreshed {}'s locations meanwhile; reading them again", description, market);
                continue;
            }
            log.info("Stage locations: {}: {} locations of the run, {} rows new or widened -> {} rows of {} in curated.locations ({} ms)",
                    description, run.size(), changed, merged.size(), market, (System.nanoTime() - started) / 1_000_000);
            return merged;
        }
    }
}
