"""Airflow: one ingest DAG per market feed listed in lakehouse_dags/markets.py (ingest_caiso, ingest_caiso_rt, ...).

A new connector gets its schedule by adding a MarketFeed entry, not by copying this file.
"""

from lakehouse_dags.ingest import ingest_dag
from lakehouse_dags.markets import FEEDS

for _feed in FEEDS:
    globals()[_feed.dag_id] = ingest_dag(_feed)
