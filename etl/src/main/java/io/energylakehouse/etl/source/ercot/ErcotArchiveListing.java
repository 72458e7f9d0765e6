package io.energylakehouse.etl.source.ercot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.LakehouseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One page of the public API's archive listing ({@code GET /api/public-reports/archive/{emilId}?postDatetimeFrom=...}):
 * the product, the paging, and the documents with their ids, names, posting times and download links; and which of
 * them a client downloads for a range of delivery dates. The archive is filtered by posting time, and each product
 * posts a delivery date's document on its own schedule: DAM prices (NP4-190-CD) the day before, real-time prices
 * (NP6-905-CD) minutes after each interval, the 2-Day AS disclosure (NP3-911-ER) two days after.
 *
 * @param reportTypeId the MIS report type id, when the listing names it
 * @param documents the page's documents, oldest posting first
 */
public record ErcotArchiveListing(String emilId, Optional<String> productName, Optional<Integer> reportTypeId, long totalRecords, int currentPage,
        int totalPages, List<ErcotArchiveListing.Document> documents)
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERVAL = Pattern.compile("_(\\d{8})_(\\d{4})");
    private static final DateTimeFormatter INTERVAL_END = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    public ErcotArchiveListing
    {
        requireNonNull(emilId, "emilId is null");
        requireNonNull(productName, "productName is null");
        requireNonNull(reportTypeId, "reportTypeId is null");
        documents = documents.stream().sorted(Comparator.comparing(Document::postedAtUtc).thenComparingLong(Document::docId)).toList();
    }

    /**
     * @param postedLocal {@code postDatetime} as given: Central prevailing time without offset
     * @param postedAtUtc the posting instant; in the repeated hour, a {@code xhr} in the friendly name says standard time
     */
    public record Document(long docId, String friendlyName, LocalDateTime postedLocal, Instant postedAtUtc, URI downloadUri)
    {
        public Document
        {
            requireNonNull(friendlyName, "friendlyName is null");
            requireNonNull(postedLocal, "postedLocal is null");
            requireNonNull(postedAtUtc, "postedAtUtc is null");
            requireNonNull(downloadUri, "downloadUri is null");
        }
    }

    /** Reads a listing page; throws a bad-data {@link LakehouseException} naming the file and what is wrong. */
    public static ErcotArchiveListing parse(InputStream input, String fileName)
    {
        JsonNode root;
        try {
            root = JSON.readTree(input);
        }
        catch (JsonProcessingException e) {
            throw bad(fileName, "not readable JSON (" + e.getOriginalMessage() + ")");
        }
        catch (IOException e) {
            throw bad(fileName, "cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad(fileName, "a listing is a JSON object");
        }
        JsonNode archives = root.path("archives");
        if (!archives.isArray()) {
            throw bad(fileName, "no archives[] array" + (root.has("data") ? " (a page of report data, not an archive listing)" : ""));
        }
        JsonNode product = root.path("product");
        String emilId = text(product, "emilId").or(() -> emilFromSelf(root)).orElseThrow(() -> bad(fileName, "no product.emilId"));
        JsonNode meta = root.path("_meta");
        List<Document> documents = new ArrayList<>();
        for (int index = 0; index < archives.size(); index++) {
            documents.add(document(archives.get(index), fileName, index + 1));
        }
        return new ErcotArchiveListing(emilId.toUpperCase(Locale.ROOT), text(product, "name"),
                product.path("reportTypeId").canConvertToInt() ? Optional.of(product.path("reportTypeId").intValue()) : Optional.empty(),
                meta.path("totalRecords").asLong(documents.size()), meta.path("currentPage").asInt(1), meta.path("totalPages").asInt(1), documents);
    }

    /** The page to ask for next, if the listing has more pages than this one. */
    public Optional<Integer> nextPage()
    {
        return currentPage < totalPages ? Optional.of(currentPage + 1) : Optional.empty();
    }

    /** The documents posted in {@code [fromUtc, toUtc)}, oldest first. */
    public List<Document> postedBetween(Instant fromUtc, Instant toUtc)
    {
        return documents.stream().filter(document -> !document.postedAtUtc().isBefore(fromUtc) && document.postedAtUtc().isBefore(toUtc)).toList();
    }

    /**
     * The documents a client downloads for deliveries on {@code first..last} (both included), oldest posting first: every
     * document of those days, so that a republished one (a retry, a correction) lands as a new revision.
     */
    public List<Document> forDeliveryDates(LocalDate first, LocalDate last)
    {
        if (last.isBefore(first)) {
            throw LakehouseException.userError("Cannot select ERCOT %s documents for delivery dates %s..%s: the end is before the start", emilId, first, last);
        }
        Function<Document, LocalDate> deliveryDate = deliveryDateRule(emilId);
        return documents.stream().filter(document -> {
            LocalDate date = deliveryDate.apply(document);
            return !date.isBefore(first) && !date.isAfter(last);
        }).toList();
    }

    /** The same, checking first that the listing is of {@code report}. */
    public List<Document> forDeliveryDates(ErcotReport report, LocalDate first, LocalDate last)
    {
        if (!report.emilId().equals(emilId)) {
            throw LakehouseException.badData("Cannot select ERCOT %s documents from an archive listing of %s: not %s", report.emilId(),
                    ErcotDocumentName.TITLES.containsKey(emilId) ? emilId + " (" + ErcotDocumentName.TITLES.get(emilId) + ")" : emilId, report.shortEmilId());
        }
        return forDeliveryDates(first, last);
    }

    /** The delivery date a document is for, by its product's posting schedule; the product must be one we know the schedule of. */
    public LocalDate deliveryDate(Document document)
    {
        return deliveryDateRule(emilId).apply(document);
    }

    private static Function<Document, LocalDate> deliveryDateRule(String emilId)
    {
        return switch (emilId) {
            // posted the day before delivery, after the DAM clears
            case "NP4-190-CD" -> document -> document.postedLocal().toLocalDate().plusDays(1);
            // named by the end of its 15-minute interval, posted minutes later
            case "NP6-905-CD" -> document -> intervalEnd(document).minusMinutes(15).toLocalDate();
            // the 2-Day AS disclosure: posted two days after the operating day
            case "NP3-911-ER" -> document -> document.postedLocal().toLocalDate().minusDays(2);
            default -> throw LakehouseException.userError("Cannot select ERCOT %s documents by delivery date: the product's posting schedule is not known "
                    + "(known: NP4-190-CD, NP6-905-CD, NP3-911-ER); select them by posting time", emilId);
        };
    }

    /** {@code SPPHLZNP6905_20241103_0115}: the interval's end in Central time, else the posting time. */
    private static LocalDateTime intervalEnd(Document document)
    {
        Matcher matcher = INTERVAL.matcher(document.friendlyName());
        if (matcher.find()) {
            try {
                return LocalDateTime.parse(matcher.group(1) + matcher.group(2), INTERVAL_END);
            }
            catch (DateTimeParseException e) {
                // fall back to the posting time
            }
        }
        return document.postedLocal();
    }

    private static Document document(JsonNode archive, String fileName, int position)
    {
        String where = "archive " + position;
        if (!archive.path("docId").canConvertToLong()) {
            throw bad(fileName, where + " has no numeric docId");
        }
        long docId = archive.path("docId").longValue();
        String friendlyName = text(archive, "friendlyName").orElse("");
        String posted = text(archive, "postDatetime").orElseThrow(() -> bad(fileName, where + " (docId " + docId + ") has no postDatetime"));
        LocalDateTime postedLocal;
        try {
            postedLocal = LocalDateTime.parse(posted);
        }
        catch (DateTimeParseException e) {
            throw bad(fileName, where + " (docId " + docId + ") has postDatetime '" + posted + "', not a date and time like 2024-11-05T03:16:10.000");
        }
        List<ZoneOffset> offsets = ErcotMarket.TIME.zone().getRules().getValidOffsets(postedLocal);
        boolean repeatedHour = friendlyName.toLowerCase(Locale.ROOT).contains("xhr");
        Instant postedAtUtc = offsets.isEmpty()
                ? postedLocal.atZone(ErcotMarket.TIME.zone()).toInstant()
                : postedLocal.toInstant(offsets.size() == 2 && repeatedHour ? offsets.get(1) : offsets.get(0));
        String href = archive.path("_links").path("endpoint").path("href").asText("");
        URI downloadUri;
        try {
            downloadUri = new URI(href);
        }
        catch (URISyntaxException e) {
            throw bad(fileName, where + " (docId " + docId + ") has download link '" + href + "', not a URI");
        }
        if (href.isEmpty()) {
            throw bad(fileName, where + " (docId " + docId + ") has no _links.endpoint.href");
        }
        return new Document(docId, friendlyName, postedLocal, postedAtUtc, downloadUri);
    }

    private static Optional<String> emilFromSelf(JsonNode root)
    {
        String self = root.path("_links").path("self").path("href").asText("");
        int slash = self.lastIndexOf('/');
        return slash < 0 || self.indexOf("/archive/") < 0 ? Optional.empty() : Optional.of(self.substring(slash + 1));
    }

    private static Optional<String> text(JsonNode node, String field)
    {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static LakehouseException bad(String fileName, String why)
    {
        return LakehouseException.badData("Cannot read ERCOT archive listing %s: %s", fileName, why);
    }
}
