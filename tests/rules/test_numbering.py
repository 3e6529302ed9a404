"""R0987 sequence numbers: the check covers every place the tables name (its cases are declared with it)."""

from __future__ import annotations

from ncts5.rules.registry import rule_places


def test_r0987_covers_every_place_the_tables_name():
    """The check walks the models' metadata, so each named place is a numbered repeated group."""
    from ncts5.messages.cc015c import CC015C
    from ncts5.messages.cc170c import CC170C

    roots = {"CC015C": CC015C, "CC170C": CC170C}
    for message, path in rule_places()["R0987"]:
        cls = roots[message]
        *groups, leaf = path.strip("/").split("/")[1:]
        for name in groups:
            child = cls.__xml_by_name__[name]
            cls = child.model
        assert child.repeated and leaf == "sequenceNumber", path
