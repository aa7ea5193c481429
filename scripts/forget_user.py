#!/usr/bin/env python3
"""Delete conversations from Rasa's SQL tracker store: one user's (right to erasure) or old ones (retention).

    scripts/forget_user.py SENDER_ID [SENDER_ID ...]      erase these users' conversations
    scripts/forget_user.py --older-than-days N            erase conversations idle for more than N days
    scripts/forget_user.py --single-turn-older-than-hours H   erase conversations of at most one message, idle
                                                          for more than H hours (never continued: bots, drive-bys)
    options: --endpoints FILE (default $ENDPOINTS or endpoints.yml), --dry-run (count, delete nothing)

It reads the `tracker_store` section of the endpoints file the Rasa server uses (environment
variables expanded as Rasa does), so it works on the default SQLite file and on PostgreSQL alike,
and deletes rows of Rasa's own `events` table (SQLTrackerStore.SQLEvent) with SQLAlchemy. A
conversation is deleted whole: the next message from that sender starts a fresh conversation.
Relative SQLite paths resolve against the working directory, as in Rasa: run it from the
repository root. Safe while Rasa runs: careerbot's tracker store checks the database for changes every turn.
On SQLite it deletes with secure_delete and then checkpoints the WAL (stores/erasure.py), so the erased text is
gone from both the database and its -wal file. A turn of that conversation in flight at that very moment can
write it back; the chat's "forget me" command (channels/erasure.py) holds the conversation's lock instead.
Sender ids are printed only when given on the command line; message texts never.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path
from typing import List, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # stores.erasure
# Rasa's imports re-enable deprecation warnings (pkg_resources, SQLAlchemy 2.0...): not this tool's business.
warnings.showwarning = lambda *args, **kwargs: None
try:
    import rasa  # noqa: F401
except ImportError:  # started with a Python outside the project's venv: re-run with the venv's
    venv_python = ROOT / ".venv" / "bin" / "python"
    if venv_python.exists() and Path(sys.executable) != venv_python:
        os.execv(str(venv_python), [str(venv_python), __file__, *sys.argv[1:]])
    raise

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
# Rasa expands every ${VARIABLE} of the endpoints file, the action server's token too, which this script never uses.
os.environ.setdefault("CAREERBOT_ACTION_TOKEN", "not-used-by-forget-user")
DEFAULT_ENDPOINTS = os.environ.get("ENDPOINTS", "endpoints.yml")
# Rasa's own SQL store and careerbot's subclass of it (stores/tracker_store.py) share the `events` table.
SQL_STORE_TYPES = {"sql", "stores.tracker_store.careerbotsqltrackerstore"}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sender_ids", nargs="*", metavar="SENDER_ID", help="conversation (sender) id to erase")
    parser.add_argument(
        "--older-than-days", type=float, metavar="N", help="erase every conversation whose last event is older"
    )
    parser.add_argument(
        "--single-turn-older-than-hours",
        type=float,
        metavar="H",
        help="erase every conversation with at most one user message whose last event is older",
    )
    parser.add_argument("--endpoints", default=DEFAULT_ENDPOINTS, help="endpoints file (default: %(default)s)")
    parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    args = parser.parse_args(argv)
    retention = args.older_than_days is not None or args.single_turn_older_than_hours is not None
    if bool(args.sender_ids) == retention:
        parser.error("give SENDER_ID(s), or --older-than-days N and/or --single-turn-older-than-hours H")
    if min(args.older_than_days or 0, args.single_turn_older_than_hours or 0) < 0:
        parser.error("--older-than-days and --single-turn-older-than-hours must be >= 0")
    return args


def engine_for(endpoints: str):
    """SQLAlchemy engine for the SQL tracker store configured in `endpoints`, built the way Rasa builds it."""
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
    from rasa.utils.endpoints import read_endpoint_config

    if not Path(endpoints).is_file():
        sys.exit(f"forget_user: endpoints file '{endpoints}' not found (run from the repository root)")
    from rasa.shared.exceptions import RasaException

    try:
        config = read_endpoint_config(endpoints, "tracker_store")
    except RasaException as e:  # typically: a ${VARIABLE} of the file is not set
        sys.exit(f"forget_user: {e}")
    if config is None or (config.type or "").lower() not in SQL_STORE_TYPES:
        sys.exit(f"forget_user: '{endpoints}' has no SQL tracker_store; nothing this script can erase")
    kwargs = dict(config.kwargs)
    url = SQLTrackerStore.get_db_url(
        dialect=kwargs.get("dialect", "sqlite"),
        host=config.url,
        port=kwargs.get("port"),
        db=kwargs.get("db", "rasa.db"),
        username=kwargs.get("username"),
        password=kwargs.get("password"),
        query=kwargs.get("query"),
    )
    engine = sa.create_engine(url, **create_engine_kwargs(url))
    if engine.dialect.name == "sqlite":
        # Overwrite deleted rows with zeros instead of leaving them in free pages of the file.
        @sa.event.listens_for(engine, "connect")
        def _secure_delete(dbapi_connection, _record) -> None:
            dbapi_connection.execute("PRAGMA secure_delete = ON")

    return engine


def forget(
    endpoints: str,
    sender_ids: Sequence[str] = (),
    older_than_days: float | None = None,
    dry_run: bool = False,
    single_turn_older_than_hours: float | None = None,
) -> tuple[int, int]:
    """Delete the conversations; return (conversations, events) deleted (or that would be, with dry_run)."""
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore

    events = SQLTrackerStore.SQLEvent.__table__
    engine = engine_for(endpoints)
    try:
        if not sa.inspect(engine).has_table(events.name):
            return 0, 0  # Rasa never ran against this database: nothing stored
        with engine.begin() as conn:
            targets: List[str] = list(dict.fromkeys(sender_ids))
            last_event = sa.func.max(events.c.timestamp)
            by_sender = sa.select(events.c.sender_id).group_by(events.c.sender_id)
            if older_than_days is not None:
                cutoff = time.time() - older_than_days * 86400
                targets += [row[0] for row in conn.execute(by_sender.having(last_event < cutoff))]
            if single_turn_older_than_hours is not None:
                cutoff = time.time() - single_turn_older_than_hours * 3600
                user_messages = sa.func.sum(sa.case((events.c.type_name == "user", 1), else_=0))
                query = by_sender.having(sa.and_(last_event < cutoff, user_messages <= 1))
                targets = list(dict.fromkeys(targets + [row[0] for row in conn.execute(query)]))
            conversations = deleted = 0
            for chunk in (targets[i : i + 500] for i in range(0, len(targets), 500)):
                where = events.c.sender_id.in_(chunk)
                if dry_run:
                    count_query = sa.select(sa.func.count(), sa.func.count(sa.distinct(events.c.sender_id)))
                    n_events, n_conversations = conn.execute(count_query.where(where)).one()
                else:
                    n_conversations = conn.execute(
                        sa.select(sa.func.count(sa.distinct(events.c.sender_id))).where(where)
                    ).scalar()
                    n_events = conn.execute(events.delete().where(where)).rowcount
                conversations += n_conversations
                deleted += n_events
        if not dry_run:
            from stores.erasure import checkpoint

            checkpoint(engine)  # WAL: the deleted pages' old versions leave the -wal file too
        return conversations, deleted
    finally:
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    conversations, events = forget(
        args.endpoints, args.sender_ids, args.older_than_days, args.dry_run, args.single_turn_older_than_hours
    )
    verb = "would delete" if args.dry_run else "deleted"
    if args.sender_ids:
        missing = "" if conversations == len(set(args.sender_ids)) else " (some had no stored conversation)"
        who = ", ".join(repr(s) for s in dict.fromkeys(args.sender_ids))
        print(f"forget_user: {verb} {events} events of {conversations} conversation(s) for {who}{missing}")
    else:
        rules = []
        if args.older_than_days is not None:
            rules.append(f"idle for more than {args.older_than_days:g} days")
        if args.single_turn_older_than_hours is not None:
            rules.append(f"of at most one message idle for more than {args.single_turn_older_than_hours:g} hours")
        print(f"forget_user: {verb} {events} events of {conversations} conversation(s) {' or '.join(rules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
