# Issue 7: the tracking page reads its figures from tallies kept exact by the database
# (docs/decisions.md, "tracking figures from tallies"). The SQL is written out here, not
# imported, so that this migration keeps doing what it did when the code moves on.

from django.db import migrations, models

ZONE = "Asia/Ho_Chi_Minh"  # the buckets' calendar; registry/assignments/tallies.py: ZONE
NO_DATE = "9999-12-31"      # tallies.py: NO_DEADLINE


# The tally key of one assignment row (`r` in a query, OLD or NEW in a row trigger), and
# which rows are counted at all.
def key(r: str) -> str:
    is_open = f"{r}.status IN ('assigned', 'in_progress')"
    return f"""
    {r}.agency_id AS agency_pk,
    date_trunc(CASE WHEN {is_open} THEN 'year' ELSE 'month' END,
               {r}.created_at AT TIME ZONE '{ZONE}')::date AS bucket,
    CASE WHEN {is_open} THEN 'open'
         WHEN {r}.status = 'done' AND {r}.completed_on_time THEN 'on_time'
         WHEN {r}.status = 'done' AND NOT {r}.completed_on_time THEN 'late'
         ELSE 'other' END AS state,
    COALESCE({r}.tracking_unit_id, 0) AS unit_pk,
    COALESCE({r}.assignee_user_id, 0) AS person_pk,
    {r}.delegated_within_unit AS delegated,
    CASE WHEN {is_open} THEN COALESCE({r}.deadline, DATE '{NO_DATE}')
         ELSE DATE '{NO_DATE}' END AS deadline"""


def counted(r: str) -> str:
    return f"{r}.role <> 'info' AND {r}.status <> 'cancelled'"


COLUMNS = "agency_pk, bucket, state, unit_pk, person_pk, delegated, deadline"
# The columns the key and the filter read: an update that changes none of them (a progress
# report, a note, the source) does not even call the row trigger.
READ = ("agency_id", "created_at", "tracking_unit_id", "assignee_user_id",
        "delegated_within_unit", "role", "status", "completed_on_time", "deadline")


def rows_of(table: str, sign: int) -> str:
    return f"SELECT {key('r')}, {sign} AS n FROM {table} r WHERE {counted('r')}"


def apply(change: str) -> str:
    """Add a statement's change to the tallies, one key at a time (assignments_tally_add)."""
    return f"""
        FOR d IN SELECT {COLUMNS}, sum(n)::integer AS n FROM ({change}) AS change
                 GROUP BY {COLUMNS} HAVING sum(n) <> 0
        LOOP
            PERFORM assignments_tally_add(d.agency_pk, d.bucket, d.state, d.unit_pk,
                                          d.person_pk, d.delegated, d.deadline, d.n);
        END LOOP;"""


ADD = """
-- Add `delta` to one key's tally without ever waiting: a row of the key that another
-- transaction holds is skipped (SKIP LOCKED) and the change goes into a new row of the same
-- key. So two writers never wait for each other here, and cannot deadlock; readers sum the
-- rows of a key. A row that falls to 0 is deleted.
CREATE FUNCTION assignments_tally_add(
    p_agency bigint, p_bucket date, p_state varchar, p_unit bigint, p_person bigint,
    p_delegated boolean, p_deadline date, p_delta integer
) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    target bigint;
    left_n integer;
BEGIN
    UPDATE assignments_trackingtally SET n = n + p_delta
    WHERE id = (SELECT id FROM assignments_trackingtally
                WHERE agency_pk = p_agency AND state = p_state AND bucket = p_bucket
                  AND unit_pk = p_unit AND person_pk = p_person AND deadline = p_deadline
                  AND delegated = p_delegated
                LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id, n INTO target, left_n;
    IF target IS NULL THEN
        INSERT INTO assignments_trackingtally ({COLUMNS}, n)
        VALUES (p_agency, p_bucket, p_state, p_unit, p_person, p_delegated, p_deadline,
                p_delta);
    ELSIF left_n = 0 THEN
        DELETE FROM assignments_trackingtally WHERE id = target;
    END IF;
END
$fn$;
""".replace("{COLUMNS}", COLUMNS)


FUNCTIONS = ADD + f"""
CREATE FUNCTION assignments_tally_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    d record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        {apply(rows_of("new_rows", 1))}
    ELSE
        {apply(rows_of("old_rows", -1))}
    END IF;
    RETURN NULL;
END
$fn$;

-- Updates, row by row (the services change one row at a time; the trigger's WHEN keeps the
-- updates that change no counted column from calling it at all).
CREATE FUNCTION assignments_tally_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    was record;
    now_is record;
    was_counted boolean;
    now_counted boolean;
BEGIN
    SELECT {key("OLD")} INTO was WHERE {counted("OLD")};
    was_counted := FOUND;
    SELECT {key("NEW")} INTO now_is WHERE {counted("NEW")};
    now_counted := FOUND;
    IF was_counted AND now_counted
       AND ({", ".join(f"was.{c}" for c in COLUMNS.split(", "))})
           = ({", ".join(f"now_is.{c}" for c in COLUMNS.split(", "))}) THEN
        RETURN NULL;
    END IF;
    IF was_counted THEN
        PERFORM assignments_tally_add(was.agency_pk, was.bucket, was.state, was.unit_pk,
                                      was.person_pk, was.delegated, was.deadline, -1);
    END IF;
    IF now_counted THEN
        PERFORM assignments_tally_add(now_is.agency_pk, now_is.bucket, now_is.state,
                                      now_is.unit_pk, now_is.person_pk, now_is.delegated,
                                      now_is.deadline, 1);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE FUNCTION assignments_tally_clear() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM assignments_trackingtally;
    RETURN NULL;
END
$fn$;
"""

TRIGGERS = f"""
-- Small and rewritten with every change of work: vacuumed often, so that the page's read
-- stays index-only and the rows that fell to 0 go.
ALTER TABLE assignments_trackingtally SET (autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.05);
CREATE TRIGGER assignments_tally_insert AFTER INSERT ON assignments_assignment
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION assignments_tally_sync();
CREATE TRIGGER assignments_tally_update AFTER UPDATE ON assignments_assignment
    FOR EACH ROW WHEN (({", ".join(f"OLD.{c}" for c in READ)})
                       IS DISTINCT FROM ({", ".join(f"NEW.{c}" for c in READ)}))
    EXECUTE FUNCTION assignments_tally_row();
CREATE TRIGGER assignments_tally_delete AFTER DELETE ON assignments_assignment
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION assignments_tally_sync();
CREATE TRIGGER assignments_tally_truncate AFTER TRUNCATE ON assignments_assignment
    FOR EACH STATEMENT EXECUTE FUNCTION assignments_tally_clear();
"""

# The triggers hold a SHARE ROW EXCLUSIVE lock on assignments until this migration commits,
# so no write falls between the count below and the first trigger.
BACKFILL = f"""
DELETE FROM assignments_trackingtally;
INSERT INTO assignments_trackingtally ({COLUMNS}, n)
SELECT {key("r")}, count(*) FROM assignments_assignment r WHERE {counted("r")}
GROUP BY 1, 2, 3, 4, 5, 6, 7;
ANALYZE assignments_trackingtally;
"""

DROP = """
DROP TRIGGER IF EXISTS assignments_tally_insert ON assignments_assignment;
DROP TRIGGER IF EXISTS assignments_tally_update ON assignments_assignment;
DROP TRIGGER IF EXISTS assignments_tally_delete ON assignments_assignment;
DROP TRIGGER IF EXISTS assignments_tally_truncate ON assignments_assignment;
DROP FUNCTION IF EXISTS assignments_tally_sync();
DROP FUNCTION IF EXISTS assignments_tally_row();
DROP FUNCTION IF EXISTS assignments_tally_add(bigint, date, varchar, bigint, bigint, boolean,
                                              date, integer);
DROP FUNCTION IF EXISTS assignments_tally_clear();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0007_covering_visibility_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='TrackingTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_pk', models.BigIntegerField()),
                ('bucket', models.DateField()),
                ('state', models.CharField(max_length=8)),
                ('unit_pk', models.BigIntegerField()),
                ('person_pk', models.BigIntegerField()),
                ('delegated', models.BooleanField()),
                ('deadline', models.DateField()),
                ('n', models.IntegerField()),
            ],
            options={
                'indexes': [models.Index(fields=['agency_pk', 'state', 'bucket', 'unit_pk', 'person_pk', 'deadline', 'delegated'], include=('n',), name='tracking_tally_key_idx')],
            },
        ),
        migrations.RunSQL(FUNCTIONS + TRIGGERS + BACKFILL, DROP),
    ]
