package io.energylakehouse.etl.source.settlements;

/**
 * Futures settlement files as a source: exchange settlement prices (EEX, ICE, CME/NYMEX power, gas and carbon
 * futures) that users license and load as CSV files in our documented layout ({@link SettlementColumn}). One
 * file may hold many markets; each line names its own.
 */
public final class SettlementSource
{
    private SettlementSource() {}

    /** Connector name in {@code raw.fetch_log} and {@code curated.quarantine}. */
    public static final String SOURCE = "settlements-csv";
    /** Report name in {@code raw.fetch_log}: there is one layout, so one report. */
    public static final String REPORT = "FUTURES_SETTLEMENTS";
    /** What quarantined records were meant for. */
    public static final String DATASET = "futures_settlements";
    /** Quarantine market of a file rejected whole, or of a line whose market cannot be read. */
    public static final String UNKNOWN_MARKET = "UNKNOWN";
}
