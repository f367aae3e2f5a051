"""`learnlog repo` and `learnlog sync` on real git repositories made here: commits
with fixed author and committer dates in two time zones, several branches, a
merge, an amended commit, a second author; on both backends."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.both_backends

ME = "me@example.com"


class Repo:
    """A git repository with commits at the dates the test gives."""

    def __init__(self, path: Path, email: str | None = ME) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        if email:
            self.git("config", "user.email", email)
        self.git("config", "user.name", "Me")

    def git(self, *args: str, when: str | None = None, author: str | None = None) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
        if when:
            env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        if author:
            env |= {"GIT_AUTHOR_EMAIL": author, "GIT_AUTHOR_NAME": "Someone"}
        return subprocess.run(
            ["git", "-C", str(self.path), *args], check=True, capture_output=True, text=True, env=env,
        ).stdout.strip()

    def commit(self, subject: str, when: str, *, author: str | None = None, file: str | None = None) -> str:
        target = self.path / (file or "work.txt")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a") as out:
            out.write(f"{subject}\n")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", subject, when=when, author=author)
        return self.git("rev-parse", "HEAD")


@pytest.fixture(autouse=True)
def no_global_git_config(tmp_path_factory, monkeypatch):
    """Each test's git sees no configuration but the repositories' own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def titanic(tmp_path) -> Repo:
    repo = Repo(tmp_path / "code" / "titanic")
    repo.git("remote", "add", "origin", "https://me:ghp_token@github.com/me/titanic.git")
    return repo


@pytest.fixture
def started(ok):
    ok("init", "--start", "2026-11-01")


def synced_entries(json_of) -> list[dict]:
    return sorted(
        (entry for entry in json_of("entries", "--all", "--json") if "git" in entry["tags"]),
        key=lambda entry: (entry["date"], entry["id"]),
    )


def test_sync_proposes_a_build_entry_per_day_of_the_authors_commits_and_records_them(
    started, ok, json_of, titanic,
):
    first = titanic.commit("Load the data", "2026-11-20T19:05:00+01:00")
    titanic.commit("Clean the ages", "2026-11-20T20:15:00+01:00")
    # Late in New York: already the 22nd in Paris, but the 21st where it was made.
    late = titanic.commit("Plot survival by class", "2026-11-21T22:30:00-05:00")
    titanic.commit("Someone else's fix", "2026-11-21T10:00:00+01:00", author="friend@example.org")
    titanic.git("checkout", "-q", "-b", "features")
    branch = titanic.commit("Try a random forest", "2026-11-23T09:00:00+01:00")
    titanic.git("checkout", "-q", "main")
    titanic.commit("Tidy the notebook", "2026-11-23T18:00:00+01:00", file="other.txt")
    titanic.git("merge", "-q", "--no-edit", "features", when="2026-11-23T18:30:00+01:00")
    assert ok("repo", "add", str(titanic.path)).stdout.startswith("Registered titanic")

    result = ok("sync", "--yes")

    assert result.stdout.splitlines() == [
        "titanic: 3 new entries from 5 commits",
        "  Fri 20 Nov 2026 19:05  build  1h40m (estimated)  titanic",
        "    Load the data",
        "    Clean the ages",
        "  Sat 21 Nov 2026 22:30  build  30m (estimated)  titanic",
        "    Plot survival by class",
        "  Mon 23 Nov 2026 09:00  build  4h (estimated)  titanic",
        "    Try a random forest",
        "    Tidy the notebook",
        "Recorded 3 entries (#1, #2, #3) from 5 commits.",
    ]
    entries = synced_entries(json_of)
    assert [(e["date"], e["timestamp"], e["minutes"], e["kind"], e["topic"]) for e in entries] == [
        ("2026-11-20", "2026-11-20T19:05:00+01:00", 100, "build", "titanic"),
        ("2026-11-21", "2026-11-21T22:30:00-05:00", 30, "build", "titanic"),
        ("2026-11-23", "2026-11-23T09:00:00+01:00", 240, "build", "titanic"),
    ]
    assert entries[0]["note"] == "Load the data\nClean the ages"
    assert entries[0]["link"] == f"https://github.com/me/titanic/commit/{first}"
    assert entries[1]["link"] == f"https://github.com/me/titanic/commit/{late}"
    assert entries[2]["link"] == f"https://github.com/me/titanic/commit/{branch}"
    assert all(sorted(e["tags"]) == ["estimated", "git"] for e in entries)
    topics = {topic["name"]: topic for topic in json_of("topic", "list", "--json")}
    assert topics["titanic"]["area"] == "Projects"


def test_a_second_sync_imports_nothing_and_a_deleted_synced_entry_stays_deleted(started, ok, learnlog, json_of, titanic):
    titanic.commit("Load the data", "2026-11-20T19:05:00+01:00")
    titanic.commit("Fit", "2026-11-21T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    again = learnlog("sync", "--yes")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "Nothing new to sync.\n")

    ok("delete", "1", "--yes")
    assert learnlog("sync", "--yes", "--since", "2026-11-01").stdout == ""
    assert [entry["id"] for entry in synced_entries(json_of)] == [2]


def test_new_commits_on_a_synced_day_make_a_new_entry_for_that_day(started, ok, json_of, titanic):
    titanic.commit("Morning", "2026-11-20T09:00:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    titanic.commit("Evening", "2026-11-20T21:00:00+01:00")
    ok("sync", "--yes")
    assert [(e["date"], e["note"], e["minutes"]) for e in synced_entries(json_of)] == [
        ("2026-11-20", "Morning", 30), ("2026-11-20", "Evening", 30),
    ]


def test_a_branch_fetched_later_and_a_rebase_onto_old_dates_are_not_lost(started, ok, json_of, titanic, tmp_path):
    titanic.commit("Start", "2026-11-10T09:00:00+01:00")
    # Another clone pushes old work that this clone only sees once fetched.
    elsewhere = tmp_path / "elsewhere"
    subprocess.run(["git", "clone", "-q", str(titanic.path), str(elsewhere)], check=True)
    other = Repo.__new__(Repo)
    other.path = elsewhere
    other.git("config", "user.email", ME)
    other.git("checkout", "-q", "-b", "old-work")
    other.commit("Old experiment", "2026-11-05T15:00:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    assert [e["date"] for e in synced_entries(json_of)] == ["2026-11-10"]

    titanic.git("fetch", "-q", str(elsewhere), "old-work:refs/remotes/elsewhere/old-work")
    ok("sync", "--yes")
    assert [e["date"] for e in synced_entries(json_of)] == ["2026-11-05", "2026-11-10"]

    # Amended: a new hash, a new commit (the old one was seen, and stays seen).
    titanic.git("commit", "-q", "--amend", "-m", "Start, properly", when="2026-11-10T09:00:00+01:00")
    ok("sync", "--yes")
    assert [e["note"] for e in synced_entries(json_of)] == ["Old experiment", "Start", "Start, properly"]


def test_without_a_terminal_or_yes_sync_prints_the_entries_and_records_nothing(
    started, ok, learnlog, journey_state, titanic,
):
    titanic.commit("Load the data", "2026-11-20T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    before = journey_state()

    asked = learnlog("sync")
    dry = learnlog("sync", "--dry-run")

    assert asked.exit_code == 1 and "Load the data" in asked.stdout
    assert asked.stderr == "Nothing recorded: without a terminal to ask, learnlog sync --yes records them.\n"
    assert dry.exit_code == 0 and dry.stdout == asked.stdout and dry.stderr == "Dry run: nothing recorded.\n"
    assert journey_state() == before


def test_commits_in_the_future_or_before_the_start_are_left_out_and_counted(started, ok, learnlog, json_of, titanic):
    titanic.commit("Before", "2026-10-30T09:00:00+01:00")
    titanic.commit("Before too", "2026-10-31T23:59:00+01:00")
    titanic.commit("Counted", "2026-11-24T09:00:00+01:00")
    titanic.commit("From the future", "2026-11-30T09:00:00+01:00")
    ok("repo", "add", str(titanic.path))
    result = learnlog("sync", "--yes")
    assert result.exit_code == 0
    assert result.stderr == (
        "titanic: left out 2 commits dated before the journey's start and 1 commit dated in the future.\n"
    )
    assert [e["note"] for e in synced_entries(json_of)] == ["Counted"]


def test_with_estimates_off_a_synced_day_has_no_duration_and_no_estimated_tag(started, ok, json_of, titanic):
    ok("config", "sync-estimate", "off")
    titanic.commit("Load", "2026-11-20T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    (entry,) = synced_entries(json_of)
    assert (entry["minutes"], entry["tags"]) == (None, ["git"])


def test_a_synced_day_is_a_check_in_and_counts_as_building(started, ok, json_of, titanic):
    titanic.commit("Load", "2026-11-25T08:00:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    status = json_of("status", "--json")
    assert status["last_checkin"] == "2026-11-25"
    assert json_of("dashboard", "--json")["building"]["building_minutes"] == 30


def test_a_repository_that_moved_is_named_and_the_others_still_sync(started, ok, learnlog, json_of, titanic, tmp_path):
    pandas = Repo(tmp_path / "code" / "pandas-drills")
    pandas.commit("Groupby drills", "2026-11-20T19:05:00+01:00")
    titanic.commit("Load", "2026-11-20T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("repo", "add", str(pandas.path))
    titanic.path.rename(tmp_path / "code" / "titanic-moved")

    result = learnlog("sync", "--yes")

    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: repository titanic: {titanic.path} is gone (moved or deleted?): learnlog repo remove titanic,"
        " then add it where it is now"
    )
    assert [e["topic"] for e in synced_entries(json_of)] == ["pandas-drills"]


def test_a_path_that_a_shell_would_act_on_is_only_ever_a_path(started, ok, json_of, tmp_path):
    odd = Repo(tmp_path / "my repo; touch PWNED $(touch PWNED2) 'quoted' ü")
    odd.commit("Works", "2026-11-20T19:05:00+01:00")
    ok("repo", "add", str(odd.path))
    ok("sync", "--yes")
    assert [e["note"] for e in synced_entries(json_of)] == ["Works"]
    assert not list(tmp_path.rglob("PWNED*")) and not Path("PWNED").exists()


# repo add, list and remove ---------------------------------------------------------------


def test_repo_add_takes_the_topic_given_or_an_existing_one_of_the_repositorys_name(started, ok, json_of, tmp_path):
    ok("topic", "add", "Titanic")
    first = Repo(tmp_path / "titanic")
    second = Repo(tmp_path / "drills")
    assert "count for Titanic." in ok("repo", "add", str(first.path)).stdout
    reply = ok("repo", "add", str(second.path), "--topic", "tita", "--author", "Me@Example.com", "--author", "me@work.example")
    assert reply.stdout == (
        f"Registered drills ({second.path}): commits by me@example.com, me@work.example count for Titanic."
        " Run learnlog sync to bring them in.\n"
    )
    assert json_of("repo", "list", "--json") == [
        {"name": "drills", "path": str(second.path), "topic": "Titanic",
         "authors": ["me@example.com", "me@work.example"], "host": json_of("repo", "list", "--json")[0]["host"]},
        {"name": "titanic", "path": str(first.path), "topic": "Titanic", "authors": [ME],
         "host": json_of("repo", "list", "--json")[1]["host"]},
    ]
    assert ok("repo", "list").stdout == (
        f"drills  {second.path}  -> Titanic  (me@example.com, me@work.example)\n"
        f"titanic  {first.path}  -> Titanic  (me@example.com)\n"
    )


def test_only_the_given_authors_commits_count(started, ok, json_of, tmp_path):
    repo = Repo(tmp_path / "shared")
    repo.commit("Mine at work", "2026-11-20T10:00:00+01:00", author="me@work.example")
    repo.commit("Configured address", "2026-11-20T11:00:00+01:00")
    ok("repo", "add", str(repo.path), "--author", "ME@work.example")
    ok("sync", "--yes")
    assert [e["note"] for e in synced_entries(json_of)] == ["Mine at work"]


def test_repo_remove_keeps_the_entries_it_brought(started, ok, refused, json_of, titanic):
    titanic.commit("Load", "2026-11-20T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    assert ok("repo", "remove", "titanic").stdout == "Removed titanic; the entries it brought stay.\n"
    assert len(synced_entries(json_of)) == 1
    assert json_of("repo", "list", "--json") == []
    assert refused("repo", "remove", "titanic") == (
        "Error: no repository named 'titanic' (none is registered on this computer)"
    )
    assert refused("sync") == "Error: no repositories on this computer to sync: learnlog repo add PATH registers one"


@pytest.mark.parametrize(
    "make, message",
    [
        pytest.param(lambda base: base / "missing", "no such folder: {path}", id="missing"),
        pytest.param(lambda base: _file(base / "file.txt"), "{path} is not a folder (give the folder of a git repository)", id="a file"),
        pytest.param(
            lambda base: _folder(base / "plain"),
            "{path} is not a git repository (no work tree here: git init, or give another folder)", id="not a repository",
        ),
        pytest.param(
            lambda base: _bare(base / "bare.git"),
            "{path} is a bare repository: register the folder of a clone of it, its work tree", id="bare",
        ),
        pytest.param(
            lambda base: _folder(Repo(base / "top").path / "sub"),
            "{path} is inside the repository {parent}: give its top folder", id="a subfolder",
        ),
        pytest.param(
            lambda base: Repo(base / "anonymous", email=None).path,
            "git has no user.email in {path}: set it (git -C {path} config user.email you@example.com) or give --author EMAIL",
            id="no author",
        ),
    ],
)
def test_repo_add_refuses_what_is_not_a_work_tree_with_an_author(started, refused, journey_state, tmp_path, make, message):
    path = make(tmp_path)
    before = journey_state()
    assert refused("repo", "add", str(path)) == "Error: " + message.format(path=path, parent=path.parent)
    assert journey_state() == before


def test_repo_add_refuses_a_second_registration_and_a_bad_address(started, ok, refused, titanic, tmp_path):
    ok("repo", "add", str(titanic.path))
    assert refused("repo", "add", str(titanic.path)) == f"Error: {titanic.path} is registered already, as titanic"
    namesake = Repo(tmp_path / "other" / "titanic")
    assert refused("repo", "add", str(namesake.path)) == (
        f"Error: a repository named titanic is registered already ({titanic.path}): learnlog repo remove titanic first"
    )
    assert refused("repo", "add", str(namesake.path), "--author", "me") == (
        "Error: not an e-mail address: 'me' (--author takes the address git records, me@example.com)"
    )


def test_a_repository_is_registered_per_computer_and_its_commits_seen_by_the_journey(
    started, ok, learnlog, json_of, titanic, tmp_path, monkeypatch,
):
    titanic.commit("Load", "2026-11-20T19:05:00+01:00")
    clone = tmp_path / "desktop" / "titanic"
    subprocess.run(["git", "clone", "-q", str(titanic.path), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "config", "user.email", ME], check=True)

    monkeypatch.setattr("socket.gethostname", lambda: "laptop")
    ok("repo", "add", str(titanic.path))
    monkeypatch.setattr("socket.gethostname", lambda: "desktop")
    assert json_of("repo", "list", "--json") == []
    ok("repo", "add", str(clone))
    assert [repo["host"] for repo in json_of("repo", "list", "--json")] == ["desktop"]

    monkeypatch.setattr("socket.gethostname", lambda: "laptop")
    ok("sync", "--yes")
    monkeypatch.setattr("socket.gethostname", lambda: "desktop")
    # The clone's copy of the commit (a remote-tracking branch) was seen on the laptop.
    assert learnlog("sync", "--yes").stderr == "Nothing new to sync.\n"
    assert len(synced_entries(json_of)) == 1


def _file(path: Path) -> Path:
    path.write_text("x")
    return path


def _folder(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


def test_the_commits_seen_travel_in_the_journey_document(started, ok, learnlog, json_of, titanic, tmp_path, monkeypatch):
    kept = titanic.commit("Kept", "2026-11-20T19:05:00+01:00")
    deleted = titanic.commit("Deleted later", "2026-11-21T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    ok("delete", "2", "--yes")
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    import json

    document = json.loads(exported.read_text())
    uid = next(entry["uid"] for entry in document["entries"] if entry["note"] == "Kept")
    assert document["version"] == 4
    assert document["commits"] == sorted(
        [{"hash": kept, "repository": "titanic", "entry": uid}, {"hash": deleted, "repository": "titanic", "entry": None}],
        key=lambda commit: commit["hash"],
    )

    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "elsewhere.db"))
    ok("import", str(exported))
    again = tmp_path / "again.json"
    ok("export", "-o", str(again))
    assert again.read_text() == exported.read_text()
    ok("repo", "add", str(titanic.path))
    assert learnlog("sync", "--yes").stderr == "Nothing new to sync.\n"


@pytest.mark.parametrize(
    "commits, message",
    [
        ([{"hash": "xyz", "repository": "t", "entry": None}], "commit 1: 'hash' is not a git commit hash: 'xyz'"),
        (
            [{"hash": "a" * 40, "repository": "t", "entry": "00000000-0000-4000-8000-000000000001"}],
            "commit 1: 'entry' names no entry of this document: '00000000-0000-4000-8000-000000000001'",
        ),
        ([{"hash": "a" * 40, "repository": "t"}] * 2, f"commit 2: {'a' * 40} is listed twice"),
    ],
)
def test_a_document_with_bad_commits_imports_nothing(started, ok, refused, tmp_path, commits, message):
    exported = tmp_path / "journey.json"
    ok("export", "-o", str(exported))
    import json

    document = json.loads(exported.read_text())
    document["journey"]["name"] = "copy"
    document["commits"] = commits
    exported.write_text(json.dumps(document))
    assert refused("import", str(exported)) == f"Error: {message}"


def test_show_names_the_commits_a_synced_entry_came_from(started, ok, json_of, titanic):
    first = titanic.commit("Load", "2026-11-20T19:05:00+01:00")
    second = titanic.commit("Clean", "2026-11-20T19:35:00+01:00")
    ok("repo", "add", str(titanic.path))
    ok("sync", "--yes")
    shown = ok("show", "1").stdout.splitlines()
    hashes = " ".join(commit_hash[:12] for commit_hash in sorted([first, second]))
    assert f"Synced from titanic: {hashes}" in shown
    assert json_of("show", "1", "--json")["commits"] == [
        {"hash": commit_hash, "repository": "titanic"} for commit_hash in sorted([first, second])
    ]


def _notebook_with_plots(*pictures: bytes) -> str:
    import base64

    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Regression")] + [
        nbformat.v4.new_code_cell(
            "plt.plot(x, y)",
            outputs=[nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(picture).decode()})],
        )
        for picture in pictures
    ]
    return nbformat.writes(notebook)


def test_a_synced_day_brings_the_images_of_the_notebooks_its_commits_changed(started, ok, learnlog, json_of, titanic):
    first, second, third = (b"\x89PNG\r\n\x1a\n" + bytes([n]) * 64 for n in (1, 2, 3))
    notebook = titanic.path / "notebooks" / "03-regression.ipynb"
    notebook.parent.mkdir()
    notebook.write_text(_notebook_with_plots(first))
    titanic.git("add", "-A")
    titanic.git("commit", "-q", "-m", "First fit", when="2026-11-20T19:00:00+01:00")
    # The same day's later commit changes the notebook again: its images are the ones taken.
    notebook.write_text(_notebook_with_plots(first, second))
    titanic.git("add", "-A")
    titanic.git("commit", "-q", "-m", "Second fit", when="2026-11-20T20:00:00+01:00")
    # Already in the journey, attached by hand: left out of the synced day.
    ok("log", "numpy", "-d", "10m")
    picture = titanic.path.parent / "third.png"
    picture.write_bytes(third)
    ok("attach", "1", str(picture))
    notebook.write_text(_notebook_with_plots(third))
    titanic.git("add", "-A")
    titanic.git("commit", "-q", "-m", "Third fit", when="2026-11-21T19:00:00+01:00")
    notebook.unlink()
    titanic.git("add", "-A")
    titanic.git("commit", "-q", "-m", "Drop it", when="2026-11-22T19:00:00+01:00")
    ok("repo", "add", str(titanic.path))

    result = learnlog("sync", "--yes")

    assert result.exit_code == 0, result.stderr
    assert "Attached 2 images from notebooks/03-regression.ipynb to entry #2." in result.stdout
    listing = {item["name"]: item for item in json_of("attachment", "list", "--json")}
    assert listing["03-regression-cell2-1.png"]["entries"] == [2]
    assert listing["03-regression-cell3-1.png"]["entries"] == [2]
    assert (listing["03-regression-cell3-1.png"]["notebook"], listing["03-regression-cell3-1.png"]["cell"]) == (
        "03-regression.ipynb", 3,
    )
    assert listing["third.png"]["entries"] == [1]
    assert len(listing) == 3


@pytest.mark.parametrize("answer, recorded", [("y", 1), ("yes", 1), ("n", 0), ("", 0)])
def test_on_a_terminal_sync_asks_once_and_records_only_on_yes(
    started, ok, learnlog, json_of, titanic, monkeypatch, answer, recorded,
):
    titanic.commit("Load", "2026-11-20T19:05:00+01:00")
    ok("repo", "add", str(titanic.path))
    questions = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or answer)

    result = learnlog("sync")

    assert questions == ["Record this entry? [y/N]: "]
    assert result.exit_code == (0 if recorded else 1)
    assert len(synced_entries(json_of)) == recorded
    assert result.stderr == ("" if recorded else "Nothing recorded.\n")
