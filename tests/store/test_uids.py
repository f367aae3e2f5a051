"""Entries' uids are random version-4 UUIDs, written as the uuid module writes them."""

import uuid

from learnlog.store.queries import new_uid


def test_a_new_uid_is_a_random_version_4_uuid_in_its_usual_text():
    made = [new_uid() for _ in range(2000)]
    for text in made:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, text)
    assert len(set(made)) == len(made)
