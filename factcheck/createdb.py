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
    params = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as conn:
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
