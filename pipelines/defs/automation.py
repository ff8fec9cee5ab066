"""The job that refreshes the warehouse, and its daily schedule."""

from __future__ import annotations

import dagster as dg

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Read the seeds folder, extract facts and rebuild the family tables (incremental by content).",
    executor_def=dg.in_process_executor,
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_warehouse,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refresh the warehouse every morning at 06:00 Beijing time.",
)
