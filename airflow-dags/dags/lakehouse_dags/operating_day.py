"""Which operating day a DAG run processes, and which logical date processes a given operating day.

In Airflow 3 a cron schedule's logical date is the moment the run is due (``CronTriggerTimetable``), not the
start of a data interval. A day-ahead feed runs at publication time on D-1 and must process D, so the day is
derived explicitly:

    operating_day = (logical date, read in the market's time zone).date() + day_offset

and, the other way round, the logical date of operating day D is ``publish_time`` on ``D - day_offset`` in
the market's time zone. For CAISO day-ahead (14:00 America/Los_Angeles, offset +1):

    logical date                        operating day
    2024-03-09T14:00-08:00 (22:00Z)     2024-03-10  (spring forward: 23 hours)
    2024-11-02T14:00-07:00 (21:00Z)     2024-11-03  (fall back: 25 hours)
    2024-03-10T00:00Z (a bare date)     2024-03-10  (16:00 on the 9th in California)

A run may also name its day in its conf (``{"operating_day": "2024-03-10"}``); that wins over the mapping.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def operating_day(logical_date: dt.datetime, timezone: str, day_offset: int, override: str | None = None) -> dt.date:
    if override:
        try:
            return dt.date.fromisoformat(str(override))
        except ValueError:
            raise ValueError(f"Cannot run for operating_day {override!r}: not a date like 2024-03-10") from None
    if logical_date is None:
        raise ValueError("Cannot tell the operating day: the run has no logical date; trigger it with one or pass operating_day in its conf")
    if logical_date.tzinfo is None:
        raise ValueError(f"Cannot tell the operating day of {logical_date!r}: it has no time zone")
    local = logical_date.astimezone(ZoneInfo(timezone))
    return local.date() + dt.timedelta(days=day_offset)


def logical_date_for(day: dt.date, timezone: str, day_offset: int, publish_time: dt.time) -> dt.datetime:
    """The instant a scheduled run for operating ``day`` is due (its logical date), in UTC."""
    local = dt.datetime.combine(day - dt.timedelta(days=day_offset), publish_time, tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.timezone.utc)
