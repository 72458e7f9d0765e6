"""The mapping between a run's logical date and the operating day it processes, across DST and leap days."""

from __future__ import annotations

import datetime as dt

import pytest
from airflow.dag_processing.dagbag import DagBag

from conftest import DAGS
from lakehouse_dags.markets import FEEDS, feed
from lakehouse_dags.operating_day import logical_date_for, operating_day

CAISO_DA = feed("ingest_caiso")
UTC = dt.timezone.utc


@pytest.mark.parametrize("logical_date, expected", [
    (dt.datetime(2024, 3, 9, 22, 0, tzinfo=UTC), dt.date(2024, 3, 10)),    # 14:00 PST: spring-forward day next
    (dt.datetime(2024, 3, 10, 21, 0, tzinfo=UTC), dt.date(2024, 3, 11)),   # 14:00 PDT
    (dt.datetime(2024, 11, 2, 21, 0, tzinfo=UTC), dt.date(2024, 11, 3)),   # 14:00 PDT: fall-back day next
    (dt.datetime(2024, 11, 3, 22, 0, tzinfo=UTC), dt.date(2024, 11, 4)),   # 14:00 PST
    (dt.datetime(2024, 2, 28, 22, 0, tzinfo=UTC), dt.date(2024, 2, 29)),   # leap day
    (dt.datetime(2024, 12, 31, 22, 0, tzinfo=UTC), dt.date(2025, 1, 1)),   # year end
    (dt.datetime(2024, 3, 10, 0, 0, tzinfo=UTC), dt.date(2024, 3, 10)),    # a bare date: 16:00 on the 9th in California
])
def test_day_ahead_processes_the_next_local_day(logical_date, expected):
    assert operating_day(logical_date, CAISO_DA.timezone, CAISO_DA.day_offset) == expected


@pytest.mark.parametrize("item", FEEDS, ids=lambda item: item.dag_id)
def test_every_day_of_a_leap_year_round_trips(item):
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        when = logical_date_for(day, item.timezone, item.day_offset, item.publish_time)
        assert operating_day(when, item.timezone, item.day_offset) == day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("item", FEEDS, ids=lambda item: item.dag_id)
def test_the_schedule_visits_each_operating_day_once(item):
    """Airflow's own timetable, asked for a year of runs, yields consecutive days (weeks for a weekly feed): none skipped or doubled at DST."""
    from airflow.timetables.base import DataInterval, TimeRestriction

    from airflow.serialization.encoders import coerce_to_core_timetable

    timetable = coerce_to_core_timetable(DagBag(dag_folder=str(DAGS)).dags[item.dag_id].timetable)
    restriction = TimeRestriction(earliest=dt.datetime(2024, 1, 1, tzinfo=UTC), latest=None, catchup=True)
    last = None
    days = []
    for _ in range(366):
        info = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
        last = DataInterval(info.data_interval.start, info.data_interval.end)
        days.append(operating_day(info.logical_date, item.timezone, item.day_offset))
        assert info.logical_date == logical_date_for(days[-1], item.timezone, item.day_offset, item.publish_time)
    step = dt.timedelta(days=1 if item.days_of_week == "*" else 7)
    assert all(later - earlier == step for earlier, later in zip(days, days[1:]))
    if item.days_of_week == "*":
        assert dt.date(2024, 3, 10) in days and dt.date(2024, 11, 3) in days
    else:
        # A weekly feed (EIA's storage, Thursdays) visits every week ending once, the Fridays across both clock changes.
        assert {day.weekday() for day in days} == {4}
        assert dt.date(2024, 3, 8) in days and dt.date(2024, 11, 1) in days


def test_a_named_day_wins_and_a_bad_one_is_refused():
    when = dt.datetime(2024, 3, 9, 22, 0, tzinfo=UTC)
    assert operating_day(when, CAISO_DA.timezone, 1, "2024-01-15") == dt.date(2024, 1, 15)
    with pytest.raises(ValueError, match="not a date"):
        operating_day(when, CAISO_DA.timezone, 1, "15/01/2024")
    with pytest.raises(ValueError, match="no time zone"):
        operating_day(dt.datetime(2024, 3, 9, 22, 0), CAISO_DA.timezone, 1)
