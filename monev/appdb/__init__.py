"""The application database: users, their scopes and the audit trail.

Apart from the warehouse on purpose: the warehouse is read by the app and replaced whole by every
load, while this state is small, transactional and written by many sessions. SQLite by default
(data/app.sqlite); MONEV_APP_DB names a path or any SQLAlchemy URL (PostgreSQL for a site with
several servers). No Streamlit here: the app, the CLI and tests use the same functions.
"""
