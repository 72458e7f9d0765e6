package io.energylakehouse.etl.source.ercot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the name of an MIS document or zip member says: the report type id and report code, and when it was posted.
 * MIS names documents {@code cdr.00012331.0000000000000000.20241102.131001.DAMSPNP4190.csv} (report type id,
 * posting date and time in Central prevailing time, report code) and zips the same with {@code _csv.zip}; real-time
 * files carry their interval ({@code SPPHLZNP6905_20241103_0115}), {@code _xhr} when posted in the repeated hour of
 * the fall-back day, {@code _retry_} when republished. The 2-Day AS disclosure (NP3-911-ER) names its members
 * {@code 2d_Agg_AS_Offers_REGUP-05-NOV-24.csv}.
 *
 * @param reportTypeId the MIS report type id, when the name follows the MIS pattern
 * @param emilId the data product the name claims, e.g. NP4-190-CD, when it can be told
 * @param postedAtUtc the posting time in the name, the {@code xhr} marker choosing the repeated hour
 */
record ErcotDocumentName(Optional<Integer> reportTypeId, Optional<String> emilId, Optional<Instant> postedAtUtc, boolean repeatedHour, boolean retry)
{
    private static final Pattern MIS = Pattern.compile("cdr\\.(\\d{8})\\.\\d+\\.(\\d{8})\\.(\\d{6})\\d*\\.([^./]+)(?:\\.[A-Za-z]+)*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EMIL = Pattern.compile("NP(\\d)[-_]?(\\d{3,4})(?:[-_]?(CD|ER|M))?", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** MIS report type ids we can name: ours, and reports whose files may be mistaken for them. */
    private static final Map<Integer, String> KNOWN_REPORT_TYPES = Map.of(
            12331, "NP4-190-CD",
            12301, "NP6-905-CD",
            12300, "NP6-788-CD",
            13057, "NP3-911-ER",
            13060, "NP3-966-ER");

    /** Data products we can name, for messages. */
    static final Map<String, String> TITLES = Map.of(
            "NP4-190-CD", "DAM settlement point prices",
            "NP6-905-CD", "real-time settlement point prices",
            "NP6-788-CD", "SCED LMPs",
            "NP3-911-ER", "2-Day Ancillary Services Reports",
            "NP3-966-ER", "60-day DAM disclosure");

    static ErcotDocumentName parse(String name)
    {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        Optional<Integer> reportTypeId = Optional.empty();
        Optional<Instant> postedAtUtc = Optional.empty();
        String code = base;
        Matcher mis = MIS.matcher(base);
        if (mis.matches()) {
            reportTypeId = Optional.of(Integer.parseInt(mis.group(1)));
            code = mis.group(4);
        }
        String lower = code.toLowerCase(Locale.ROOT);
        boolean repeatedHour = lower.contains("_xhr") || lower.endsWith("xhr");
        if (mis.matches()) {
            postedAtUtc = posted(mis.group(2) + mis.group(3), repeatedHour);
        }
        Optional<String> emilId = Optional.empty();
        Matcher emil = EMIL.matcher(code);
        if (emil.find()) {
            String number = "NP" + emil.group(1) + "-" + emil.group(2);
            emilId = Optional.of(KNOWN_REPORT_TYPES.values().stream().filter(known -> known.startsWith(number + "-")).findFirst()
                    .orElse(emil.group(3) == null ? number : number + "-" + emil.group(3).toUpperCase(Locale.ROOT)));
        }
        else if (reportTypeId.isPresent() && KNOWN_REPORT_TYPES.containsKey(reportTypeId.get())) {
            emilId = Optional.of(KNOWN_REPORT_TYPES.get(reportTypeId.get()));
        }
        else if (lower.startsWith("2d_")) {
            emilId = Optional.of("NP3-911-ER");
        }
        if (reportTypeId.isPresent() && emilId.isEmpty()) {
            emilId = Optional.of("MIS report type " + reportTypeId.get());
        }
        return new ErcotDocumentName(reportTypeId, emilId, postedAtUtc, repeatedHour, lower.contains("_retry"));
    }

    /** Whether the name says it is another data product than {@code report}. */
    boolean claimsOtherThan(ErcotReport report)
    {
        return emilId.isPresent() && !emilId.get().equals(report.emilId());
    }

    /** {@code NP3-911-ER (2-Day Ancillary Services Reports)}, or the claim as the name makes it. */
    String claim()
    {
        String id = emilId.orElse("an unknown report");
        String title = TITLES.get(id);
        return title == null ? id : id + " (" + title + ")";
    }

    /** Central prevailing time; in the repeated hour, the {@code xhr} marker says standard time (the second 01:xx). */
    private static Optional<Instant> posted(String stamp, boolean repeatedHour)
    {
        try {
            LocalDateTime local = LocalDateTime.parse(stamp, STAMP);
            List<ZoneOffset> offsets = ErcotMarket.TIME.zone().getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                return Optional.empty();
            }
            ZoneOffset offset = offsets.size() == 2 && repeatedHour ? offsets.get(1) : offsets.get(0);
            return Optional.of(local.toInstant(offset));
        }
        catch (DateTimeException e) {
            // a renamed file whose stamp is no date and time: the name still says the report
            return Optional.empty();
        }
    }
}
