package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Transparency Platform documents we ingest, by the names users type ({@code a44}, {@code a65}, {@code a69}): the
 * document type, the root element of its answer, the element holding a point's value and the process types we ask for.
 */
public enum EntsoeReport
{
    A44("a44", "A44", "day-ahead prices (12.1.D) per bidding zone, SDAC (classification sequence 1) and EXAA (sequence 2)", "Publication_MarketDocument",
            "price.amount", "price_amount", "in_Domain", List.of()),
    A65("a65", "A65", "total load (6.1.A actual, 6.1.B day-ahead forecast) per bidding zone", "GL_MarketDocument", "quantity", "quantity",
            "outBiddingZone_Domain", List.of("A16", "A01")),
    A69("a69", "A69", "wind and solar generation day-ahead forecast (14.1.D) per bidding zone", "GL_MarketDocument", "quantity", "quantity", "in_Domain",
            List.of("A01"));

    private final String reportName;
    private final String documentType;
    private final String title;
    private final String rootElement;
    private final String valueElement;
    private final String valueColumn;
    private final String domainParameter;
    private final List<String> processTypes;

    EntsoeReport(String reportName, String documentType, String title, String rootElement, String valueElement, String valueColumn, String domainParameter,
            List<String> processTypes)
    {
        this.reportName = reportName;
        this.documentType = documentType;
        this.title = title;
        this.rootElement = rootElement;
        this.valueElement = valueElement;
        this.valueColumn = valueColumn;
        this.domainParameter = domainParameter;
        this.processTypes = processTypes;
    }

    /** Accepts {@code a44}, {@code A44}, {@code entsoe_a44}. */
    public static EntsoeReport fromName(String name)
    {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.rawTableName().equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use ENTSO-E report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(EntsoeReport::reportName).toList()));
    }

    public String reportName()
    {
        return reportName;
    }

    /** The {@code documentType} request parameter and the document's {@code type} element. */
    public String documentType()
    {
        return documentType;
    }

    public String title()
    {
        return title;
    }

    /** The local name of the answer's root element. */
    public String rootElement()
    {
        return rootElement;
    }

    /** The local name of a Point's value element. */
    public String valueElement()
    {
        return valueElement;
    }

    /** The raw column holding a point's value. */
    public String valueColumn()
    {
        return valueColumn;
    }

    /** The request parameter naming the zone (A44 also sets {@code out_Domain} to the same EIC). */
    public String domainParameter()
    {
        return domainParameter;
    }

    /** The {@code processType} values asked for, one request each; none for A44. */
    public List<String> processTypes()
    {
        return processTypes;
    }

    public boolean isPrices()
    {
        return this == A44;
    }

    public String rawTableName()
    {
        return "entsoe_" + reportName;
    }
}
