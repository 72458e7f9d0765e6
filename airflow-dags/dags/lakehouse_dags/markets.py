"""The markets Airflow schedules, and when each publishes: one entry per feed, one DAG per entry.

A connector plugs into the scheduler by adding a ``MarketFeed`` here; ``ingest_markets.py`` turns every
entry into a DAG, so no DAG file is ever copied. Plain data, no imports beyond the standard library: this
module is read every time the DAG processor parses the folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MarketFeed:
    """One scheduled feed of one market.

    ``datasets`` are those the ``check`` gate requires whole for the day: every dataset the reports feed, or the
    ones every day has (ENTSO-E's A44 also feeds EXAA quarter hours that only two zones have).

    ``publishes`` is False for a feed of reference data (rates, auction results): its DAG lands and curates only.

    ``publish_time`` is the local time (in ``timezone``) by which the operator has published the data for
    operating day D on day ``D - day_offset``: a day-ahead market publishes tomorrow's prices today
    (``day_offset=1``), a real-time feed is complete the morning after (``day_offset=-1``). The DAG runs at
    that time every day, and the run whose logical date is that instant processes operating day D.
    """

    dag_id: str
    market: str
    timezone: str
    publish_time: dt.time
    day_offset: int
    reports: tuple[str, ...]
    datasets: tuple[str, ...]
    description: str
    start_date: dt.date = dt.date(2024, 1, 1)
    tags: tuple[str, ...] = field(default_factory=tuple)
    # False for reference data (ECB rates, EU ETS auctions): they feed curated.fx_rates or curated.spot_prices,
    # which no market-price check gates and no hub dataset is published from, so the DAG is ingest -> curate.
    publishes: bool = True
    # Cron days of the week the feed runs on ("*" every day; "4" Thursdays: a weekly report such as EIA's storage).
    days_of_week: str = "*"

    def __post_init__(self) -> None:
        if not self.dag_id.startswith("ingest_"):
            raise ValueError(f"Cannot declare feed {self.dag_id!r}: ingest DAG ids start with 'ingest_'")
        if self.market != self.market.lower() or not self.market.isidentifier():
            raise ValueError(f"Cannot declare feed {self.dag_id!r}: market {self.market!r} must be a lower-case code like 'caiso'")
        if not -7 <= self.day_offset <= 7:
            raise ValueError(f"Cannot declare feed {self.dag_id!r}: day_offset {self.day_offset} is not within a week")
        if dt.time(1, 0) <= self.publish_time < dt.time(3, 0):
            raise ValueError(f"Cannot declare feed {self.dag_id!r}: publish_time {self.publish_time} falls in the hours clocks change "
                             "(01:00-03:00 local); a run time there is skipped or repeated on DST days")
        if self.days_of_week != "*" and not all(part.isdigit() and 0 <= int(part) <= 6 for part in self.days_of_week.replace("-", ",").split(",")):
            raise ValueError(f"Cannot declare feed {self.dag_id!r}: days_of_week {self.days_of_week!r} is not '*' or cron days 0-6 (0 = Sunday)")
        if not self.reports or not self.datasets:
            raise ValueError(f"Cannot declare feed {self.dag_id!r}: it needs at least one report and one dataset")

    @property
    def cron(self) -> str:
        """Cron expression of the publication time, read in ``timezone``."""
        return f"{self.publish_time.minute} {self.publish_time.hour} * * {self.days_of_week}"


FEEDS: tuple[MarketFeed, ...] = (
    MarketFeed(
        dag_id="ingest_caiso",
        market="caiso",
        timezone="America/Los_Angeles",
        # OASIS posts the integrated forward market (DAM) results for day D at about 13:00 Pacific on D-1;
        # an hour of margin before we fetch.
        publish_time=dt.time(14, 0),
        day_offset=1,
        reports=("prc_lmp",),
        datasets=("da_hourly",),
        description="CAISO day-ahead LMPs (OASIS PRC_LMP, DAM) for tomorrow's operating day",
        tags=("caiso", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_caiso_rt",
        market="caiso",
        timezone="America/Los_Angeles",
        # Real-time 5-minute LMPs of day D are complete shortly after midnight; fetched at 04:00 on D+1
        # (after the DST changes, so the local run time always exists and never repeats).
        publish_time=dt.time(4, 0),
        day_offset=-1,
        reports=("prc_intvl_lmp",),
        datasets=("rt_5min",),
        description="CAISO real-time 5-minute LMPs (OASIS PRC_INTVL_LMP, RTM) for yesterday's operating day",
        tags=("caiso", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_pjm",
        market="pjm",
        timezone="America/New_York",
        # PJM clears the day-ahead market for day D and posts its LMPs in the afternoon of D-1 (Eastern; the
        # exact time is not documented, results are usually out by 13:30); fetched at 15:00 for margin.
        publish_time=dt.time(15, 0),
        day_offset=1,
        reports=("da_hrl_lmps",),
        datasets=("da_hourly",),
        description="PJM day-ahead hourly LMPs (Data Miner 2 da_hrl_lmps) for tomorrow's operating day",
        tags=("pjm", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_pjm_rt",
        market="pjm",
        timezone="America/New_York",
        # The unverified five-minute LMPs of day D are complete minutes after midnight; the settlement-verified ones
        # replace them later (revision 2 of a key where they differ). Fetched at 04:00 on D+1, after the DST changes.
        publish_time=dt.time(4, 0),
        day_offset=-1,
        reports=("rt_unverified_fivemin_lmps", "rt_fivemin_hrl_lmps"),
        datasets=("rt_5min",),
        description="PJM real-time 5-minute LMPs (unverified, then verified) for yesterday's operating day",
        tags=("pjm", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_ercot",
        market="ercot",
        timezone="America/Chicago",
        # NP4-190-CD DAM settlement point prices for day D are posted on D-1 after the DAM clears (about 13:30
        # Central; undocumented); fetched at 15:00.
        publish_time=dt.time(15, 0),
        day_offset=1,
        reports=("dam_spp",),
        datasets=("da_hourly",),
        description="ERCOT DAM settlement point prices (NP4-190-CD) for tomorrow's operating day",
        tags=("ercot", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_ercot_rt",
        market="ercot",
        timezone="America/Chicago",
        # NP6-905-CD is posted after each 15-minute interval; day D is complete shortly after midnight. 04:00 on D+1.
        publish_time=dt.time(4, 0),
        day_offset=-1,
        reports=("rt_spp",),
        datasets=("rt_15min",),
        description="ERCOT real-time 15-minute settlement point prices (NP6-905-CD) for yesterday's operating day",
        tags=("ercot", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_miso",
        market="miso",
        # MISO's files are in Eastern Standard Time all year: a fixed UTC-05:00 clock (the registry's "-05:00"),
        # never America/Chicago nor America/New_York, so the run time never moves with DST.
        timezone="Etc/GMT+5",
        # The day-ahead market for day D clears after its 10:30 EST close and the ex-post LMPs are posted in the
        # afternoon of D-1 (BPM-002 says results by 15:00 EST; unverified here); fetched at 16:00 EST.
        publish_time=dt.time(16, 0),
        day_offset=1,
        reports=("da_expost_lmp",),
        datasets=("da_hourly",),
        description="MISO day-ahead ex-post hourly LMPs (market report da_expost_lmp) for tomorrow's operating day",
        tags=("miso", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_miso_rt",
        market="miso",
        timezone="Etc/GMT+5",
        # The preliminary real-time hourly LMPs of day D are posted on D+1 (revision 1); fetched at 08:00 EST.
        publish_time=dt.time(8, 0),
        day_offset=-1,
        reports=("rt_lmp_prelim",),
        datasets=("rt_hourly",),
        description="MISO real-time preliminary hourly LMPs (rt_lmp_prelim) for yesterday's operating day",
        tags=("miso", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_miso_rt_final",
        market="miso",
        timezone="Etc/GMT+5",
        # The final real-time hourly LMPs replace the preliminary ones some days later (the sheet says "some days";
        # gridstatus reads them back a week): fetched on D+5 at 08:00 EST, a later revision of each changed key.
        publish_time=dt.time(8, 0),
        day_offset=-5,
        reports=("rt_lmp_final",),
        datasets=("rt_hourly",),
        description="MISO real-time final hourly LMPs (rt_lmp_final), replacing the preliminary ones, for the operating day five days ago",
        tags=("miso", "real-time", "revision"),
    ),
    MarketFeed(
        dag_id="ingest_nyiso",
        market="nyiso",
        timezone="America/New_York",
        # NYISO's day-ahead market closes at 05:00 Eastern and posts the LBMPs for day D late morning of D-1
        # (about 11:00; unverified here); fetched at 13:00 Eastern.
        publish_time=dt.time(13, 0),
        day_offset=1,
        reports=("damlbmp_zone", "damlbmp_gen"),
        datasets=("da_hourly",),
        description="NYISO day-ahead hourly LBMPs of zones and generators (damlbmp) for tomorrow's operating day",
        tags=("nyiso", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_nyiso_rt",
        market="nyiso",
        timezone="America/New_York",
        # The daily real-time files (five-minute realtime, hourly-integrated rtlbmp) of day D are complete shortly
        # after midnight; fetched at 04:00 on D+1, after the DST changes.
        publish_time=dt.time(4, 0),
        day_offset=-1,
        reports=("realtime_zone", "realtime_gen", "rtlbmp_zone"),
        datasets=("rt_5min", "rt_hourly"),
        description="NYISO real-time five-minute and hourly-integrated LBMPs for yesterday's operating day",
        tags=("nyiso", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_spp",
        market="spp",
        timezone="America/Chicago",
        # SPP's day-ahead market closes at 09:30 Central and posts results for day D in the afternoon of D-1
        # (about 14:00; unverified here); fetched at 15:30 Central.
        publish_time=dt.time(15, 30),
        day_offset=1,
        reports=("da_lmp_sl", "da_lmp_b"),
        datasets=("da_hourly",),
        description="SPP day-ahead hourly LMPs by settlement location and by bus for tomorrow's operating day",
        tags=("spp", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_spp_rt",
        market="spp",
        timezone="America/Chicago",
        # The daily RTBM file of day D (every five-minute interval, superseding the interval files as a later
        # revision) is posted after the day closes; fetched at 04:00 on D+1.
        publish_time=dt.time(4, 0),
        day_offset=-1,
        reports=("rtbm_lmp_daily",),
        datasets=("rt_5min",),
        description="SPP real-time balancing market five-minute LMPs (daily file) for yesterday's operating day",
        tags=("spp", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_aeso",
        market="aeso",
        timezone="America/Edmonton",
        # Each pool-price hour settles minutes after it ends (unsettled hours come blank and make no row); the day is
        # complete after midnight, fetched at 04:00 Mountain on D+1, after the DST changes.
        publish_time=dt.time(4, 0),
        day_offset=-1,
        reports=("pool_price", "system_marginal_price"),
        datasets=("rt_hourly",),
        description="AESO pool price (hourly) and system marginal price (five-minute means) for yesterday's operating day",
        tags=("aeso", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_entsoe",
        market="entsoe",
        timezone="Europe/Brussels",
        # The single day-ahead coupling (SDAC) publishes results for delivery day D at about 12:45 CET on D-1, and the
        # transparency platform shows them shortly after; fetched at 13:30. Quarter-hour products since 2025-10-01.
        publish_time=dt.time(13, 30),
        day_offset=1,
        reports=("a44",),
        datasets=("da_15min",),
        description="ENTSO-E A44 day-ahead prices of every bidding zone (SDAC quarter hours and hours, EXAA) for tomorrow's delivery day",
        start_date=dt.date(2025, 10, 1),
        tags=("entsoe", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_entsoe_fundamentals",
        market="entsoe",
        timezone="Europe/Brussels",
        # Day-ahead load (A65) and wind and solar (A69) forecasts of D are published on D-1 before the auction's gate
        # closure; actual load of D-1 is complete by then too. Into curated.fundamentals: no price gate, no publication.
        publish_time=dt.time(14, 0),
        day_offset=1,
        reports=("a65", "a69"),
        datasets=("load_forecast_mw", "solar_forecast_mw", "wind_onshore_forecast_mw"),
        description="ENTSO-E A65 load and A69 wind and solar forecasts into curated.fundamentals",
        tags=("entsoe", "fundamentals"),
        publishes=False,
    ),
    MarketFeed(
        dag_id="ingest_nordpool",
        market="nordpool",
        timezone="Europe/Oslo",
        # Nord Pool publishes the day-ahead prices of delivery day D at about 12:45-13:00 CET on D-1; fetched at 13:30.
        publish_time=dt.time(13, 30),
        day_offset=1,
        reports=("day_ahead_prices",),
        datasets=("da_15min",),
        description="Nord Pool day-ahead prices per delivery area (quarter hours, EUR) for tomorrow's delivery day",
        start_date=dt.date(2025, 10, 1),
        tags=("nordpool", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_ecb",
        market="ecb",
        timezone="Europe/Berlin",
        # The ECB publishes the euro reference rates of day D at about 16:00 CET on D (TARGET business days only).
        publish_time=dt.time(16, 30),
        day_offset=0,
        reports=("eurofxref",),
        datasets=("eurofxref",),
        description="ECB euro foreign exchange reference rates of today into curated.fx_rates",
        tags=("ecb", "reference"),
        publishes=False,
    ),
    MarketFeed(
        dag_id="ingest_eex_eua",
        market="eex",
        timezone="Europe/Berlin",
        # EEX's EU ETS primary auctions close at 11:00 CET and their results are published shortly after; the year's
        # report is fetched at 13:00 (the landing keeps only its new auctions as new rows).
        publish_time=dt.time(13, 0),
        day_offset=0,
        reports=("eua_primary_auction",),
        datasets=("eua_primary_auction",),
        description="EEX EU ETS primary auction results (EUA, EUAA) of today into curated.spot_prices",
        tags=("eex", "eu-ets", "reference"),
        publishes=False,
    ),
    MarketFeed(
        dag_id="ingest_jepx",
        market="jepx",
        timezone="Asia/Tokyo",
        # JEPX's day-ahead spot auction for delivery day D closes at 10:00 JST on D-1 and its results are posted shortly
        # after (unverified); the fiscal year's spot file is fetched at 11:30 (landing keeps each fetch as a revision).
        publish_time=dt.time(11, 30),
        day_offset=1,
        reports=("spot",),
        datasets=("da_30min",),
        description="JEPX day-ahead spot system and area prices (48 half hours, JPY/MWh) for tomorrow's delivery day",
        tags=("jepx", "day-ahead"),
    ),
    MarketFeed(
        dag_id="ingest_aemo",
        market="aemo",
        timezone="Australia/Brisbane",
        # NEM time is AEST all year; the last dispatch interval of day D ends at 00:00 on D+1, and the day's dispatch
        # prices are complete minutes later; fetched at 04:30 on D+1 (outside the 01:00-03:00 window on any clock).
        publish_time=dt.time(4, 30),
        day_offset=-1,
        reports=("dispatch_price",),
        datasets=("rt_5min",),
        description="AEMO NEM five-minute regional reference prices and FCAS prices (DISPATCHPRICE) for yesterday's trading day",
        tags=("aemo", "real-time"),
    ),
    MarketFeed(
        dag_id="ingest_eia_henry_hub",
        market="eia",
        timezone="America/New_York",
        # EIA posts the daily Henry Hub spot prices once a week (unverified: Wednesdays); a daily run fetches the trade day
        # a week back, by then always posted. Into curated.spot_prices: no price gate, no publication.
        publish_time=dt.time(18, 0),
        day_offset=-7,
        reports=("henry_hub_spot",),
        datasets=("henry_hub_spot",),
        description="EIA Henry Hub natural gas spot price (RNGWHHD, USD/MMBtu) of the trade day a week back into curated.spot_prices",
        tags=("eia", "gas", "reference"),
        publishes=False,
    ),
    MarketFeed(
        dag_id="ingest_eia_storage",
        market="eia",
        timezone="America/New_York",
        # The weekly natural gas storage report for the week ending Friday D is released at 10:30 ET on Thursday D+6;
        # fetched at 11:30 on Thursdays. Revisions of the week before land as new revisions.
        publish_time=dt.time(11, 30),
        day_offset=-6,
        days_of_week="4",
        reports=("storage_weekly",),
        datasets=("storage_weekly",),
        description="EIA weekly working gas in storage (Lower 48 and regions, Bcf) of the week ending last Friday into curated.fundamentals",
        tags=("eia", "gas", "fundamentals"),
        publishes=False,
    ),
)


def feed(dag_id: str) -> MarketFeed:
    for candidate in FEEDS:
        if candidate.dag_id == dag_id:
            return candidate
    raise KeyError(f"Cannot find feed {dag_id!r}: known feeds are {[f.dag_id for f in FEEDS]}")
