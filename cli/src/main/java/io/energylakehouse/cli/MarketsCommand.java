package io.energylakehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReportOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

@Command(name = "markets",
        mixinStandardHelpOptions = true,
        description = {"Lists the markets with a connector: operator, time zone, currency, each report with the canonical datasets it feeds",
                "and their interval length, and the environment variables a live fetch reads credentials from, with whether each is set",
                "(never its value)."},
        footer = {"", "Examples:", "  bin/lakehouse markets", "  bin/lakehouse markets --format json"})
final class MarketsCommand
        implements java.util.concurrent.Callable<Integer>
{
    enum Format
    {
        TABLE, JSON
    }

    @Mixin
    GlobalOptions global;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table (default) or json (for scripts)")
    Format format;

    static final class FormatConverter
            implements picocli.CommandLine.ITypeConverter<Format>
    {
        @Override
        public Format convert(String value)
        {
            try {
                return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a format: use table or json");
            }
        }
    }

    private final Function<String, String> environment;

    MarketsCommand()
    {
        this(System::getenv);
    }

    MarketsCommand(Function<String, String> environment)
    {
        this.environment = environment;
    }

    @Override
    public Integer call()
            throws Exception
    {
        System.out.print(format == Format.JSON ? json(Connectors.all()) : table(Connectors.all()));
        return 0;
    }

    String json(List<MarketConnector> connectors)
            throws Exception
    {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode markets = mapper.createArrayNode();
        for (MarketConnector connector : connectors) {
            Market market = connector.market();
            ObjectNode node = markets.addObject();
            node.put("code", market.code().toLowerCase(Locale.ROOT));
            node.put("market", market.code());
            node.put("operator", market.operator());
            node.put("time_zone", market.zone().getId());
            node.put("published_clock", market.publishedClock().getId());
            node.put("currency", market.currency());
            node.put("price_unit", market.priceLabel());
            node.put("peak_block", market.peakBlock().map(block -> block.name() + " HE" + block.firstHourEnding() + "-" + block.lastHourEnding()).orElse(null));
            node.put("holidays", market.holidays());
            node.put("peak_block_source", market.peakBlock().map(io.energylakehouse.common.calendar.PeakBlock::source).orElse(null));
            node.put("data_terms", market.dataTerms());
            ArrayNode reports = node.putArray("reports");
            for (MarketReport report : connector.reports()) {
                ObjectNode reportNode = reports.addObject();
                reportNode.put("name", report.name());
                reportNode.put("operator_name", report.requestName());
                reportNode.put("description", report.description());
                reportNode.put("raw_table", report.rawTable().identifier());
                ArrayNode outputs = reportNode.putArray("outputs");
                for (ReportOutput output : report.outputs()) {
                    ObjectNode outputNode = outputs.addObject();
                    outputNode.put("table", output.canonicalTable().identifier());
                    outputNode.put("dataset", output.dataset());
                    if (output.intervalMinutes().isPresent()) {
                        outputNode.put("interval_minutes", output.intervalMinutes().getAsInt());
                    }
                    else {
                        outputNode.putNull("interval_minutes");
                    }
                }
            }
            ObjectNode credentials = node.putObject("credentials");
            market.credentialVariables().forEach(variable -> credentials.put(variable, isSet(variable)));
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(markets) + System.lineSeparator();
    }

    String table(List<MarketConnector> connectors)
    {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"market", "operator", "time zone", "currency", "report", "feeds", "interval", "credentials"});
        for (MarketConnector connector : connectors) {
            Market market = connector.market();
            boolean first = true;
            for (MarketReport report : connector.reports()) {
                String feeds = String.join(", ", report.outputs().stream().map(output -> output.canonicalTable().identifier() + " " + output.dataset()).toList());
                String intervals = String.join(", ", report.outputs().stream()
                        .map(output -> output.intervalMinutes().isPresent() ? output.intervalMinutes().getAsInt() + " min" : "per period").toList());
                rows.add(new String[] {
                        first ? market.code().toLowerCase(Locale.ROOT) : "",
                        first ? market.operator() : "",
                        first ? market.zone().getId() : "",
                        first ? market.currency() : "",
                        report.name(),
                        feeds,
                        intervals,
                        first ? credentials(market) : ""});
                first = false;
            }
        }
        return Console.table(rows);
    }

    private String credentials(Market market)
    {
        if (market.credentialVariables().isEmpty()) {
            return "none needed";
        }
        return String.join(", ", market.credentialVariables().stream().map(variable -> variable + (isSet(variable) ? " (set)" : " (not set)")).toList());
    }

    private boolean isSet(String variable)
    {
        String value = environment.apply(variable);
        return value != null && !value.isBlank();
    }

    /** For tests: the environment as a map. */
    static MarketsCommand withEnvironment(Map<String, String> environment)
    {
        return new MarketsCommand(environment::get);
    }
}
