"""The json export builds each entry's JSON inside SQLite; the import side and the
rare entries with a post or attachments use Python's json. Both must write the
same text for the same entry."""

import json
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from learnlog.domain.document import compact_json
from learnlog.store.database import open_database
from learnlog.store.location import Location
from learnlog.store.queries import EntryFilter, add_entry, add_topic, create_journey, entries_in_order
from learnlog.store.transfer import document_entries

MOMENT = datetime(2026, 11, 20, 21, 30, tzinfo=timezone.utc)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60)
@given(
    note=st.one_of(st.none(), text),
    topic=st.one_of(st.none(), text.filter(lambda name: name.strip() and len(name) < 70)),
    tags=st.lists(text.filter(str.strip), max_size=3, unique_by=str.casefold),
    link=st.one_of(st.none(), text),
    minutes=st.one_of(st.none(), st.integers(1, 1440)),
    confidence=st.one_of(st.none(), st.integers(1, 5)),
)
def test_sqlite_writes_an_entry_as_pythons_json_would(tmp_path_factory, note, topic, tags, link, minutes, confidence):
    db = open_database(Location(Path(tmp_path_factory.mktemp("db")) / "j.db"), create=True)
    with db.transaction():
        journey = create_journey(db, name="main", start=MOMENT.date(), every=3, topics=[], created=MOMENT)
        topic_id = (
            add_topic(db, journey.id, name=topic, area=None, target_hours=None, created=MOMENT) if topic else None
        )
        add_entry(
            db, journey.id, topic_id=topic_id, moment=MOMENT, minutes=minutes, kind="post" if topic is None else "study",
            note=note, tags=tags, link=link, confidence=confidence, created=MOMENT,
        )
    (from_sqlite,) = document_entries(db, journey.id, EntryFilter(), with_attachments=False)
    (record,) = entries_in_order(db, journey.id, EntryFilter())
    expected = record.to_json()
    del expected["id"], expected["attachments"]
    db.close()
    assert from_sqlite == compact_json(expected)
    assert json.loads(from_sqlite) == expected
