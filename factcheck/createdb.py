"""Create the PostgreSQL database named by DATABASE_URL if it does not exist yet.

`make run` calls this so that one command starts the service on a fresh server.
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def main() -> int:
    """Create the database; print what was done."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return 0
    db = dj_database_url.parse(url)
    with psycopg.connect(
        host=str(db.get("HOST") or "127.0.0.1"),
        port=int(db.get("PORT") or 5432),
        user=str(db.get("USER") or "") or None,
        password=str(db.get("PASSWORD") or "") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"]))
            )
            print(f"created database {db['NAME']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
