package io.energylakehouse.etl.source.ercot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a public API page as a stream of tokens: {@code _meta} (totalRecords, pageSize, totalPages, currentPage),
 * {@code report} (reportEMIL), {@code fields} (the column names) and {@code data} (rows as arrays), handing each row to
 * a {@link RowSink} as it is read. An error answer ({@code statusCode} or {@code code} with a {@code message}) is kept
 * as such. Rows before the fields (which the API never sends) are held until the fields arrive.
 */
final class ErcotApiPage
{
    private static final JsonFactory JSON = new JsonFactory();

    /** What a page said about itself. */
    static final class Meta
    {
        Long totalRecords;
        Long totalPages;
        Long currentPage;
        Long pageSize;
        String reportEmilId;
        String productEmilId;
        boolean hasArchives;
        boolean hasFields;
        long dataRows;
        String errorCode;
        String errorMessage;

        Optional<String> pageLabel()
        {
            if (currentPage == null || totalPages == null) {
                return Optional.empty();
            }
            return Optional.of("page " + currentPage + " of " + totalPages);
        }
    }

    /** Receives the page's column names once, then its rows; throws a bad-data exception when the page cannot be read. */
    interface RowSink
    {
        void header(List<String> names, String where);

        void row(int number, String text, List<String> fields);
    }

    private ErcotApiPage() {}

    static Meta read(InputStream input, String fileName, ErcotReport report, RowSink sink)
            throws IOException
    {
        Meta meta = new Meta();
        List<PendingRow> early = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(input)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw ErcotFiles.bad(fileName, "an API page is a JSON object, the file starts with " + token);
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "_meta" -> readMeta(parser, meta);
                    case "report" -> {
                        meta.reportEmilId = objectText(parser, "reportEMIL");
                        if (meta.reportEmilId != null && !meta.reportEmilId.equalsIgnoreCase(report.emilId())) {
                            throw notReport(fileName, report, "the API page is of report " + describe(meta.reportEmilId));
                        }
                    }
                    case "product" -> {
                        meta.productEmilId = objectText(parser, "emilId");
                        if (meta.productEmilId != null && !meta.productEmilId.equalsIgnoreCase(report.emilId())) {
                            throw notReport(fileName, report, "the API answer is of product " + describe(meta.productEmilId));
                        }
                    }
                    case "archives" -> {
                        meta.hasArchives = true;
                        parser.skipChildren();
                    }
                    case "fields" -> {
                        sink.header(readFields(parser, fileName), "the API page's fields");
                        meta.hasFields = true;
                        for (PendingRow row : early) {
                            sink.row(row.number(), row.text(), row.fields());
                        }
                        early.clear();
                    }
                    case "data" -> readData(parser, fileName, meta, sink, early);
                    case "statusCode", "code", "status" -> {
                        if (parser.currentToken().isScalarValue() && meta.errorCode == null) {
                            meta.errorCode = parser.getText();
                        }
                        parser.skipChildren();
                    }
                    case "message" -> {
                        if (parser.currentToken().isScalarValue()) {
                            meta.errorMessage = parser.getText();
                        }
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw ErcotFiles.bad(fileName, "not readable JSON: expected a field name, found " + token + at(parser.currentLocation()));
            }
            if (parser.nextToken() != null) {
                throw ErcotFiles.bad(fileName, "not readable JSON: text after the page's object" + at(parser.currentLocation()));
            }
        }
        catch (JsonProcessingException e) {
            throw ErcotFiles.bad(fileName, "not readable JSON (" + e.getOriginalMessage() + ")" + at(e.getLocation()));
        }
        if (meta.hasArchives && !meta.hasFields) {
            throw ErcotFiles.bad(fileName, "an archive listing (archives[]), not a page of " + report.emilId() + " data: download its documents instead");
        }
        if (!early.isEmpty()) {
            throw ErcotFiles.bad(fileName, "the API page has " + early.size() + " data rows but no fields naming their columns");
        }
        return meta;
    }

    private record PendingRow(int number, String text, List<String> fields) {}

    private static String describe(String emilId)
    {
        String title = ErcotDocumentName.TITLES.get(emilId.toUpperCase(java.util.Locale.ROOT));
        return title == null ? emilId : emilId + " (" + title + ")";
    }

    static io.energylakehouse.common.LakehouseException notReport(String fileName, ErcotReport report, String why)
    {
        return ErcotFiles.bad(fileName, "not " + report.shortEmilId() + ": " + why + ", expected " + report.describe());
    }

    private static void readMeta(JsonParser parser, Meta meta)
            throws IOException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            Long number = value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? parser.getLongValue() : null;
            switch (name) {
                case "totalRecords" -> meta.totalRecords = number;
                case "totalPages" -> meta.totalPages = number;
                case "currentPage" -> meta.currentPage = number;
                case "pageSize" -> meta.pageSize = number;
                default -> parser.skipChildren();
            }
        }
    }

    /** The text of one scalar field of the current object, skipping the rest. */
    private static String objectText(JsonParser parser, String field)
            throws IOException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String text = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(field) && value.isScalarValue()) {
                text = parser.getText();
            }
            else {
                parser.skipChildren();
            }
        }
        return text;
    }

    private static List<String> readFields(JsonParser parser, String fileName)
            throws IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw ErcotFiles.bad(fileName, "the API page's fields are not an array" + at(parser.currentLocation()));
        }
        List<String> names = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                String name = objectText(parser, "name");
                names.add(name == null ? "" : name);
            }
            else if (parser.currentToken() == JsonToken.VALUE_STRING) {
                names.add(parser.getText());
            }
            else {
                throw ErcotFiles.bad(fileName, "field " + (names.size() + 1) + " of the API page is neither a name nor an object with a name"
                        + at(parser.currentLocation()));
            }
        }
        return names;
    }

    private static void readData(JsonParser parser, String fileName, Meta meta, RowSink sink, List<PendingRow> early)
            throws IOException
    {
        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.VALUE_NULL) {
            // the API's specification shows an empty object where a page has no rows
            parser.skipChildren();
            return;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw ErcotFiles.bad(fileName, "the API page's data is not an array of rows" + at(parser.currentLocation()));
        }
        int number = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            number++;
            meta.dataRows++;
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                String text = parser.currentToken().isScalarValue() ? parser.getText() : parser.currentToken().asString();
                parser.skipChildren();
                deliver(meta, sink, early, number, text, null);
                continue;
            }
            List<String> fields = new ArrayList<>(8);
            StringBuilder text = new StringBuilder("[");
            boolean nested = false;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonToken value = parser.currentToken();
                if (text.length() > 1) {
                    text.append(',');
                }
                if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                    nested = true;
                    parser.skipChildren();
                    text.append(value == JsonToken.START_ARRAY ? "[...]" : "{...}");
                    fields.add("");
                }
                else if (value == JsonToken.VALUE_NULL) {
                    text.append("null");
                    fields.add("");
                }
                else if (value == JsonToken.VALUE_STRING) {
                    text.append('"').append(parser.getText().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    fields.add(parser.getText());
                }
                else {
                    text.append(parser.getText());
                    fields.add(parser.getText());
                }
            }
            text.append(']');
            deliver(meta, sink, early, number, text.toString(), nested ? null : fields);
        }
    }

    /** A row whose fields are null is not a flat array: the sink rejects it. */
    private static void deliver(Meta meta, RowSink sink, List<PendingRow> early, int number, String text, List<String> fields)
    {
        if (meta.hasFields) {
            sink.row(number, text, fields);
        }
        else {
            early.add(new PendingRow(number, text, fields));
        }
    }

    private static String at(JsonLocation location)
    {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
