"""The statements that write a move and a piece of evidence: one each on PostgreSQL.

`move()` (in `claims.workflow`) decides what a move writes; this module writes
it. On PostgreSQL a move is one statement of data-modifying CTEs (the
compare-and-set UPDATE, the transition, and the edge's revision and event), so
one round trip with, in autocommit mode, no BEGIN or COMMIT of its own; SQLite,
the embedded default, runs the same UPDATE and then the inserts in one
transaction. The SQL is written out rather than built with QuerySets, whose
building and compiling took a large share of a move's time (bench P13); every
value is still prepared by its model field.
"""

from typing import Any, cast

from django.db import connections, router, transaction
from django.db.models import Field, Model

from ..models import Claim, ClaimTransition, Evidence

# Columns a move fills only while they are empty: a rating after a withdrawal
# keeps the first publication date.
SET_ONCE = {"first_rated_at"}
_CLAIM_FIELDS: "dict[str, Field[Any, Any]]" = {
    field.name: field for field in Claim._meta.concrete_fields
}


def insert_evidence(evidence: Evidence) -> bool:
    """Insert `evidence` only while its claim is in review; return whether it was.

    One statement, `INSERT … SELECT` from the claim row under a lock, so the
    status is the database's, not the caller's copy: a claim rated meanwhile
    cannot gain evidence behind its published verdict (a racing rating either
    committed first, and the insert finds the claim rated, or waits for it).
    """
    using = router.db_for_write(Evidence)
    connection = connections[using]
    in_review = 'SELECT 1 FROM "claims_claim" WHERE "id" = %s AND "status" IN (%s, %s)'
    if connection.features.has_select_for_update:
        in_review += " FOR UPDATE"  # SQLite locks the whole database to write
    sql, params = insert_from(evidence, f"({in_review}) AS in_review", connection)
    params += [evidence.claim_id, Claim.Status.PENDING, Claim.Status.SOURCED]
    return _saved_as(evidence, f'{sql} RETURNING "id"', params, using)


def compare_and_set(
    claim: Claim, *, source: str, target: str, values: dict[str, Any], guard: str = ""
) -> tuple[str, list[Any]]:
    """Return the move's `UPDATE` of the claim row, and its parameters.

    It sets `status` to `target`, bumps `version` and sets `values`, where the
    row still has `source` and the caller's version and matches `guard` (SQL
    on the `claims_claim` row, a `RowGuard`'s).

    Compare-and-set: of racing movers on one claim exactly one matches. The
    version makes a stale copy lose even when the status looks right (two
    editors correcting one rated claim). Written out rather than built with
    `QuerySet.update()`, whose query building and compiling took about a third
    of a move's time (bench P13); every value is still prepared by its field.
    """
    connection = connections[router.db_for_write(Claim)]
    quote = connection.ops.quote_name
    sets = ['"status" = %s', '"version" = "version" + 1']
    params: list[Any] = [target]
    for name, value in values.items():
        field = _CLAIM_FIELDS[name]
        column = quote(cast(str, field.column))
        if name in SET_ONCE:
            sets.append(f"{column} = COALESCE({column}, %s)")
        else:
            sets.append(f"{column} = %s")
        params.append(field.get_db_prep_save(value, connection))
    where = '"id" = %s AND "status" = %s AND "version" = %s'
    params += [claim.pk, source, claim.version]
    if guard:
        where += f" AND {guard}"
    # Names are the model's columns; every value is a parameter.
    sql = f'UPDATE "claims_claim" SET {", ".join(sets)} WHERE {where}'  # noqa: S608
    return sql, params


def one_statement(using: str) -> bool:
    """Return whether the database writes a move in one statement (PostgreSQL)."""
    return connections[using].vendor == "postgresql"


def write_move(
    update: tuple[str, list[Any]], transition: ClaimTransition, records: list[Model]
) -> bool:
    """Write a move; return whether its compare-and-set `update` matched.

    PostgreSQL takes the move as one statement of data-modifying CTEs: the
    UPDATE returns the claim it moved, the transition is inserted from that
    (so nothing is inserted when the UPDATE matched nothing), and the revision
    and event from the transition. In autocommit mode that is one round trip,
    with no BEGIN or COMMIT of its own. Elsewhere (SQLite, the embedded
    default) the same rows are written one by one in a transaction.
    """
    using = router.db_for_write(Claim)
    connection = connections[using]
    update_sql, params = update
    if not one_statement(using):
        # No savepoint: inside a caller's transaction it would only cost two
        # round trips, since a refusal is raised once nothing was written.
        with transaction.atomic(using=using, savepoint=False):
            with connection.cursor() as cursor:
                cursor.execute(update_sql, params)
                if not cursor.rowcount:
                    return False
            transition.save(force_insert=True)
            for record in records:
                record.save(force_insert=True)
        return True
    parts = [f"moved AS ({update_sql} RETURNING id)"]
    insert_sql, insert_params = insert_from(transition, "moved", connection)
    parts.append(f"transition AS ({insert_sql} RETURNING id)")
    params = [*params, *insert_params]
    for n, record in enumerate(records):
        insert_sql, insert_params = insert_from(record, "transition", connection)
        parts.append(f"record{n} AS ({insert_sql})")
        params += insert_params
    sql = f"WITH {', '.join(parts)} SELECT id FROM transition"  # noqa: S608
    return _saved_as(transition, sql, params, using)


def _saved_as(obj: Model, sql: str, params: list[Any], using: str) -> bool:
    """Run `sql`, which returns the id of the row written for `obj`, if any; mark
    `obj` saved with that id and return whether a row was written."""
    connection = connections[using]
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding, obj._state.db = False, using
    return True


def insert_from(obj: Model, source: str, connection: Any) -> tuple[str, list[Any]]:
    """Return `INSERT INTO <obj's table> (…) SELECT … FROM <source>` for unsaved `obj`.

    A foreign key to `ClaimTransition` takes the id of `source`'s row (the
    transition the same statement inserts); every other column is a parameter,
    prepared as `Model.save()` would (`auto_now_add` included).
    """
    quote = connection.ops.quote_name
    columns, values, params = [], [], []
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.related_model is ClaimTransition:
            values.append(f"{source}.id")
        else:
            values.append("%s")
            value = field.pre_save(obj, add=True)
            params.append(field.get_db_prep_save(value, connection))
    table = quote(obj._meta.db_table)
    columns_sql, values_sql = ", ".join(columns), ", ".join(values)
    sql = f"INSERT INTO {table} ({columns_sql}) SELECT {values_sql} FROM {source}"  # noqa: S608
    return sql, params
