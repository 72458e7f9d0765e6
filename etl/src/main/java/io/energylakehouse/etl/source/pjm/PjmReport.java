package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Data Miner 2 LMP feeds we ingest, with the dataset each feeds and how its fields are named: every price field
 * ends in the feed's market suffix ({@code _da} or {@code _rt}).
 *
 * <p>{@code rt_unverified_fivemin_lmps} and {@code rt_fivemin_hrl_lmps} feed the same dataset: the unverified prices are
 * the first publication of a key, the settlement-verified ones come later. The raw tables keep which is which
 * ({@code is_verified}); {@code curated.market_prices} has no column for it yet.
 */
public enum PjmReport
{
    DA_HRL_LMPS("da_hrl_lmps", "da", "da_hourly", 60, Verification.FINAL, true),
    RT_HRL_LMPS("rt_hrl_lmps", "rt", "rt_hourly", 60, Verification.VERIFIED, true),
    RT_FIVEMIN_HRL_LMPS("rt_fivemin_hrl_lmps", "rt", "rt_5min", 5, Verification.VERIFIED, true),
    RT_UNVERIFIED_FIVEMIN_LMPS("rt_unverified_fivemin_lmps", "rt", "rt_5min", 5, Verification.UNVERIFIED, false);

    /** How final a feed's prices are. */
    public enum Verification
    {
        /** Day-ahead prices: the market's clearing result, not revised by settlement verification. */
        FINAL,
        /** Real-time prices verified for settlement. */
        VERIFIED,
        /** Real-time prices as first posted, replaced later by verified ones. */
        UNVERIFIED
    }

    public static final String START_UTC = "datetime_beginning_utc";
    public static final String START_EPT = "datetime_beginning_ept";
    public static final String PNODE_ID = "pnode_id";

    private final String feed;
    private final String suffix;
    private final String dataset;
    private final int intervalMinutes;
    private final Verification verification;
    private final boolean hasEnergyColumn;

    PjmReport(String feed, String suffix, String dataset, int intervalMinutes, Verification verification, boolean hasEnergyColumn)
    {
        this.feed = feed;
        this.suffix = suffix;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.verification = verification;
        this.hasEnergyColumn = hasEnergyColumn;
    }

    /** Accepts {@code rt_hrl_lmps}, {@code RT_HRL_LMPS}, {@code rt-hrl-lmps}. */
    public static PjmReport fromName(String name)
    {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.feed.equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use PJM report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(PjmReport::feed).toList()));
    }

    /** The Data Miner 2 feed name, the last segment of {@code https://api.pjm.com/api/v1/{feed}}. */
    public String feed()
    {
        return feed;
    }

    public String dataset()
    {
        return dataset;
    }

    public int intervalMinutes()
    {
        return intervalMinutes;
    }

    public Verification verification()
    {
        return verification;
    }

    /** Whether the feed publishes {@code system_energy_price_*}; the unverified 5-minute feed does not. */
    public boolean hasEnergyColumn()
    {
        return hasEnergyColumn;
    }

    public String rawTableName()
    {
        return "pjm_" + feed;
    }

    public String totalField()
    {
        return "total_lmp_" + suffix;
    }

    public String energyField()
    {
        return "system_energy_price_" + suffix;
    }

    public String congestionField()
    {
        return "congestion_price_" + suffix;
    }

    public String lossField()
    {
        return "marginal_loss_price_" + suffix;
    }

    /** The total LMP field of the other market's feeds ({@code total_lmp_rt} for a day-ahead feed): its presence tells a page of another report. */
    String otherTotalField()
    {
        return "total_lmp_" + (suffix.equals("da") ? "rt" : "da");
    }

    /** Fields every item must carry: a request may ask for fewer fields than the feed has, never fewer than these. */
    public List<String> requiredFields()
    {
        return List.of(START_UTC, PNODE_ID, totalField());
    }

    /** The fields a full request asks for, in the order of the connector sheet. */
    public List<String> requestFields()
    {
        if (this == RT_UNVERIFIED_FIVEMIN_LMPS) {
            return List.of(START_UTC, START_EPT, PNODE_ID, "pnode_name", "type", totalField(), congestionField(), lossField(),
                    "occ_check", "ref_caseid_used_multi_interval");
        }
        return List.of(START_UTC, START_EPT, PNODE_ID, "pnode_name", "type", "zone", "voltage", "equipment", totalField(), energyField(),
                congestionField(), lossField(), "row_is_current", "version_nbr");
    }
}
