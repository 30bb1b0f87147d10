"""Daily checks of the vendor pool (registered with core.notices; run by `manage.py run_daily_jobs`)."""
