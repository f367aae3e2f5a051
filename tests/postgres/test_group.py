"""A study group sharing one PostgreSQL database: the owner upgrades it, every
member keeps a journey of their own, reads everyone's on the board, and changes
only their own; row-level security holds even against hand-written SQL."""

from __future__ import annotations

import json
import re

import psycopg
import pytest

from learnlog.store.sqlite_file import SCHEMA_REVISION
from psycopg import errors


def test_db_upgrade_creates_the_schema_once_and_can_run_again(group, as_role):
    code, out, _ = as_role(group.owner, "db", "upgrade")
    assert (code, out) == (0, f"{group.url(group.owner)} is up to date (schema {SCHEMA_REVISION}).\n")


def test_a_member_cannot_upgrade_the_database(group, as_role):
    code, out, err = as_role(group.member, "db", "upgrade")
    assert (code, out) == (1, "")
    assert err == (
        f"Error: learnlog db upgrade is run by the owner of {group.url(group.member)} ({group.owner}),"
        f" not by {group.member}\n"
    )


def test_init_names_each_journey_after_its_role(group, as_role):
    assert as_role(group.owner, "init")[0] == 0
    assert as_role(group.member, "init", "--every", "2")[0] == 0
    code, out, _ = as_role(group.member, "journeys", "--json")
    assert code == 0
    assert json.loads(out) == sorted(
        [
            {"name": group.owner, "owner": group.owner, "start": "2026-11-25", "entries": 0},
            {"name": group.member, "owner": group.member, "start": "2026-11-25", "entries": 0},
        ],
        key=lambda journey: journey["name"],
    )


def test_each_member_works_on_their_own_journey_without_naming_it(group, as_role):
    as_role(group.owner, "init")
    as_role(group.member, "init")
    assert as_role(group.owner, "log", "numpy", "-d", "45m", "-m", "broadcasting")[0] == 0
    assert as_role(group.member, "log", "pandas", "-d", "1h")[0] == 0
    code, out, _ = as_role(group.member, "entries", "--json")
    assert code == 0
    assert [entry["topic"] for entry in json.loads(out)] == ["Pandas"]


def test_a_second_journey_of_the_same_name_is_refused(group, as_role):
    as_role(group.owner, "init")
    code, out, err = as_role(group.owner, "init")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: a journey already exists at {group.url(group.owner)} ({group.owner!r}")


def test_a_member_reads_the_others_journeys_on_the_board_but_cannot_change_them(group, as_role):
    as_role(group.owner, "init", "--start", "2026-11-15")
    as_role(group.owner, "log", "numpy", "-d", "2h", "--date", "2026-11-24")
    as_role(group.member, "init", "--start", "2026-11-20")
    before = as_role(group.owner, "entries", "--json")[1]

    code, out, _ = as_role(group.member, "board", "--json")
    assert code == 0
    board = {row["journey"]: row for row in json.loads(out)}
    assert board[group.owner]["hours_last_7_days"] == 2.0
    assert board[group.owner]["last_checkin"] == "2026-11-24"

    for attempt in (
        ("log", "numpy", "-d", "10m"),
        ("skip", "tomorrow"),
        ("cadence", "set", "5"),
        ("topic", "add", "Kaggle"),
        ("config", "default-duration", "1h"),
        ("delete", "1", "--yes"),
    ):
        code, out, err = as_role(group.member, "--journey", group.owner, *attempt)
        assert (code, out) == (1, ""), attempt
        assert err == (
            f"Error: journey {group.owner!r} belongs to {group.owner}:"
            f" you ({group.member}) can read it, not change it\n"
        ), attempt
    assert as_role(group.owner, "entries", "--json")[1] == before


def test_row_level_security_stops_a_member_writing_to_another_journey_by_hand(group, as_role):
    as_role(group.owner, "init")
    as_role(group.owner, "log", "numpy", "-d", "30m", "-m", "mine")
    with group.connect(group.member) as member:
        journey_id, topic_id = member.execute(
            "SELECT j.id, t.id FROM journey j JOIN topic t ON t.journey_id = j.id WHERE j.name = %s LIMIT 1",
            (group.owner,),
        ).fetchone()
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            member.execute(
                "INSERT INTO entry (uid, journey_id, topic_id, day, logged_at, kind, created_at, updated_at)"
                " VALUES ('x', %s, %s, '2026-11-25', 'x', 'study', 'x', 'x')",
                (journey_id, topic_id),
            )
        assert member.execute("UPDATE entry SET note = 'not yours'").rowcount == 0
        assert member.execute("DELETE FROM entry").rowcount == 0
        assert member.execute("DELETE FROM journey").rowcount == 0
        assert member.execute("UPDATE journey SET owner = current_user").rowcount == 0
        assert member.execute("SELECT note FROM entry").fetchall() == [("mine",)]


def test_the_tables_owner_is_held_to_the_policies_too(group):
    with group.connect(group.owner) as owner:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            owner.execute(
                "INSERT INTO journey (name, owner, start, created_at) VALUES ('forged', 'somebody', '2026-11-25', 'x')"
            )


def test_a_member_logging_into_a_journey_of_their_own_can_do_everything(group, as_role):
    as_role(group.member, "init")
    for command in (
        ("log", "numpy", "-d", "10m", "-t", "arrays"),
        ("skip", "tomorrow"),
        ("cadence", "set", "4"),
        ("topic", "add", "Kaggle"),
        ("config", "default-duration", "1h"),
        ("edit", "1", "-m", "changed"),
    ):
        code, _, err = as_role(group.member, *command)
        assert (code, err) == (0, ""), command


def test_doctor_checks_the_connection_the_revision_and_the_policies(group, as_role):
    code, out, _ = as_role(group.owner, "doctor", "--json")
    checkup = json.loads(out)
    assert code == 0
    assert checkup["revision"] == SCHEMA_REVISION
    assert checkup["member_role"] is True
    assert set(checkup["row_level_security"].values()) == {True}
    as_role(group.owner, "init")
    as_role(group.owner, "log", "numpy", "-d", "30m")
    with group.server.connect(group.database) as admin:
        admin.execute("ALTER TABLE entry NO FORCE ROW LEVEL SECURITY")
        admin.execute("UPDATE entry_day SET entries = entries + 1")
    code, out, _ = as_role(group.owner, "doctor")
    assert code == 1
    assert "Problem: row-level security is not in place on entry" in out
    assert "Problem: the per-day totals disagree with the entries on 1 day" in out


def test_a_database_the_owner_has_not_upgraded_points_to_db_upgrade(postgres_server, postgres_database, capsys):
    from learnlog.__main__ import main

    for command in (["init"], ["status"]):
        with pytest.raises(SystemExit) as exit:
            main(["--db", postgres_database.url, *command])
        assert exit.value.code == 1
        assert capsys.readouterr().err == (
            f"Error: {postgres_database.url} holds no learnlog schema yet:"
            " the database owner must run learnlog db upgrade\n"
        )


def test_an_older_schema_is_refused_until_the_owner_upgrades_it(postgres_database, capsys):
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from learnlog.__main__ import main
    from learnlog.store.migrate import alembic_config

    engine = create_engine(postgres_database.url, poolclass=NullPool)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.exec_driver_sql(
            "INSERT INTO journey (name, start, created_at) VALUES ('old', '2026-11-01', '2026-11-01T08:00:00+00:00')"
        )
    engine.dispose()
    with pytest.raises(SystemExit):
        main(["--db", postgres_database.url, "status"])
    assert capsys.readouterr().err == (
        f"Error: {postgres_database.url} is at schema 0003, this learnlog needs {SCHEMA_REVISION}:"
        " the database owner must run learnlog db upgrade\n"
    )
    with pytest.raises(SystemExit) as exit:
        main(["--db", postgres_database.url, "db", "upgrade"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"Upgraded {postgres_database.url} from schema 0003 to {SCHEMA_REVISION}.\n"
    with pytest.raises(SystemExit):
        main(["--db", postgres_database.url, "journeys", "--json"])
    assert json.loads(capsys.readouterr().out) == [
        {"name": "old", "owner": postgres_database.role, "start": "2026-11-01", "entries": 0}
    ]


def test_an_owner_who_may_not_create_roles_is_given_the_sql_to_ask_for(postgres_server, postgres_database, capsys):
    from learnlog.__main__ import main

    postgres_server.connect().execute(f'ALTER ROLE "{postgres_database.role}" NOCREATEROLE')
    if "learnlog_member" in postgres_server.role_names():
        postgres_server.drop_role("learnlog_member")
    with pytest.raises(SystemExit) as exit:
        main(["--db", postgres_database.url, "db", "upgrade"])
    assert exit.value.code == 1
    assert capsys.readouterr().err == (
        f"Error: the role learnlog_member does not exist and {postgres_database.role} may not create roles:"
        ' an administrator runs "CREATE ROLE learnlog_member NOLOGIN;'
        f' GRANT learnlog_member TO {postgres_database.role} WITH ADMIN OPTION;", then you run learnlog db upgrade again\n'
    )
    with psycopg.connect(postgres_database.url.replace("+psycopg", ""), autocommit=True) as owner:
        assert owner.execute("SELECT to_regclass('journey')").fetchone() == (None,)


def test_a_member_cannot_hang_rows_on_another_journeys_topics_or_attachments(group, as_role, tmp_path):
    picture = tmp_path / "plot.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    as_role(group.owner, "init")
    as_role(group.owner, "log", "scipy", "--new", "-d", "10m", "--attach", str(picture))
    as_role(group.member, "init")
    as_role(group.member, "log", "numpy", "-d", "10m")
    with group.connect(group.member) as member:
        (own_journey,) = member.execute("SELECT id FROM journey WHERE owner = current_user").fetchone()
        (own_entry,) = member.execute("SELECT id FROM entry WHERE journey_id = %s", (own_journey,)).fetchone()
        (their_topic,) = member.execute(
            "SELECT t.id FROM topic t JOIN journey j ON j.id = t.journey_id WHERE j.owner <> current_user AND t.name = 'scipy'"
        ).fetchone()
        (their_attachment,) = member.execute("SELECT id FROM attachment").fetchone()
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            member.execute("UPDATE entry SET topic_id = %s WHERE id = %s", (their_topic, own_entry))
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            member.execute("INSERT INTO entry_attachment VALUES (%s, %s)", (own_entry, their_attachment))
    assert as_role(group.owner, "attachment", "remove", "1")[0] == 0
    assert as_role(group.owner, "delete", "1", "--yes")[0] == 0
    assert as_role(group.owner, "topic", "remove", "scipy")[0] == 0


def test_each_member_gets_their_own_journey_and_no_one_takes_anothers_name(group, as_role, postgres_server):
    third = f"member_{group.member[-8:]}x"
    postgres_server.create_role(third, "pw-3", member_of=["learnlog_member"])
    as_role(group.member, "init")
    code, _, err = as_role(group.member, "--journey", group.owner, "init")
    assert code == 1
    assert err == f"Error: {group.owner!r} is another role's name, kept for that member's own journey: choose another\n"
    as_role(group.owner, "init", "--every", "5")
    assert json.loads(as_role(group.owner, "status", "--json")[1])["every"] == 5
    assert json.loads(as_role(group.member, "status", "--json")[1])["every"] == 3


def test_a_role_that_is_not_a_member_is_told_whom_to_ask(group, postgres_server, capsys):
    from learnlog.__main__ import main

    outsider = f"outsider_{group.member[-8:]}"
    postgres_server.create_role(outsider, "pw-outsider")
    with group.server.connect(group.database) as admin:
        admin.execute(f'GRANT CONNECT ON DATABASE "{group.database}" TO "{outsider}"')
    import os

    os.environ["PGPASSWORD"] = "pw-outsider"
    try:
        with pytest.raises(SystemExit) as exit:
            main(["--db", group.url(outsider), "status"])
    finally:
        del os.environ["PGPASSWORD"]
    assert exit.value.code == 1
    assert capsys.readouterr().err == (
        f"Error: {outsider} may not read learnlog's tables in {group.url(outsider)}:"
        f" ask the database owner to run GRANT learnlog_member TO {outsider}\n"
    )


def test_upgrade_keeps_other_roles_out_of_the_database_and_its_schema(group, postgres_server):
    outsider = f"stranger_{group.member[-8:]}"
    postgres_server.create_role(outsider, "pw-stranger")
    with group.server.connect(group.database) as admin:
        assert admin.execute(
            "SELECT has_database_privilege(%s, current_database(), 'CONNECT'),"
            " has_database_privilege('learnlog_member', current_database(), 'CONNECT'),"
            " has_schema_privilege(%s, current_schema(), 'CREATE'),"
            " has_schema_privilege('learnlog_member', current_schema(), 'CREATE')",
            (outsider, group.member),
        ).fetchone() == (False, True, False, False)


def test_importing_into_another_members_journey_is_refused_in_words(group, as_role, tmp_path):
    as_role(group.owner, "init")
    exported = tmp_path / "journey.json"
    as_role(group.owner, "export", "-o", str(exported))
    code, out, err = as_role(group.member, "import", str(exported))
    assert (code, out) == (1, "")
    assert err == (
        f"Error: journey {group.owner!r} belongs to {group.owner}: you ({group.member}) can read it, not change it\n"
    )


def test_a_member_reads_anothers_questions_but_resolves_only_their_own(group, as_role):
    as_role(group.owner, "init", "--start", "2026-11-20")
    as_role(group.owner, "log", "numpy", "-k", "bug", "-m", "shapes", "--date", "2026-11-21")
    as_role(group.owner, "log", "numpy", "-k", "confusion", "-m", "strides?", "--date", "2026-11-22")
    as_role(group.owner, "resolve", "1", "-m", "reshape first")
    as_role(group.member, "init", "--start", "2026-11-20")
    as_role(group.member, "log", "pandas", "-k", "bug", "-m", "mine", "--date", "2026-11-23")
    before = as_role(group.owner, "questions", "--all", "--json")[1]

    code, out, _ = as_role(group.member, "--journey", group.owner, "questions", "--all", "--json")
    assert (code, out) == (0, before)
    for attempt in (("resolve", "2", "-m", "not mine to answer"), ("reopen", "1")):
        code, out, err = as_role(group.member, "--journey", group.owner, *attempt)
        assert (code, out, err) == (1, "", (
            f"Error: journey {group.owner!r} belongs to {group.owner}: you ({group.member}) can read it, not change it\n"
        )), attempt
    assert as_role(group.member, "resolve", "3", "-m", "my own fix")[0] == 0
    with group.connect(group.member) as member:
        (theirs,) = member.execute(
            "SELECT e.id FROM entry e JOIN journey j ON j.id = e.journey_id WHERE j.owner <> current_user"
            " AND e.kind = 'confusion'"
        ).fetchone()
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            member.execute(
                "INSERT INTO resolution (entry_id, day, resolved_at, note, created_at)"
                " VALUES (%s, '2026-11-25', 'x', 'forged', 'x')",
                (theirs,),
            )
        assert member.execute("UPDATE resolution SET note = 'not yours' WHERE note <> 'my own fix'").rowcount == 0
        assert member.execute("DELETE FROM resolution WHERE note <> 'my own fix'").rowcount == 0
    assert as_role(group.owner, "questions", "--all", "--json")[1] == before


def test_the_groups_page_links_each_members_page_built_beside_it(group, as_role, tmp_path):
    as_role(group.owner, "init", "--start", "2026-11-15")
    as_role(group.owner, "log", "numpy", "-d", "2h", "--date", "2026-11-24")
    as_role(group.member, "init", "--start", "2026-11-20")
    folder = tmp_path / "circle"
    # A member builds their own page, and may build the owner's: a site only reads.
    assert as_role(group.member, "site", "build", str(folder / group.member))[0] == 0
    assert as_role(group.member, "--journey", group.owner, "site", "build", str(folder / group.owner))[0] == 0

    code, out, err = as_role(group.member, "site", "build", "--board", str(folder))

    assert (code, err) == (0, "")
    assert out == f"Built the group's page in {folder}: index.html, linking 2 member pages.\n"
    page = (folder / "index.html").read_text(encoding="utf-8")
    links = sorted(re.findall(r'<a href="([^"]+)">([^<]+)</a>', page))
    assert links == sorted([(f"{group.member}/index.html", group.member), (f"{group.owner}/index.html", group.owner)])
    assert "2.0h" in page  # the owner's last seven days, read under the member's row-level security
    assert group.url(group.member).split("@")[-1] not in page
