"""Hostile or broken input: a clear ParseError, bounded reading, no file or network access.

Every hostile document is tried three ways: ``ncts5.from_xml`` on a file (a
ParseError naming the file), ``ncts5.validate`` (one PARSE finding) and the
command line (exit 1, the file named, no traceback).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import ncts5
from ncts5.cli import main
from tests.conftest import EXAMPLES, ROOT

NS = "http://ncts.dgtaxud.ec"
SECRET = "ncts5-canary-7f3a9c"
VALID = (EXAMPLES / "t1-road.xml").read_bytes()
BODY = VALID.split(b"?>", 1)[1]  # the example without its XML declaration


def _laughs(levels: int = 10) -> bytes:
    entities = "".join(f"<!ENTITY lol{i} '{(f'&lol{i - 1};' if i else 'lol') * 10}'>" for i in range(levels))
    return f"<?xml version='1.0'?><!DOCTYPE lolz [{entities}]><lolz>&lol{levels - 1};</lolz>".encode()


def _entity_doc(system_id: str, *, padding: int = 0) -> bytes:
    comment = f"<!--{'x' * padding}-->" if padding else ""
    return (
        f"<?xml version='1.0'?>{comment}<!DOCTYPE m [<!ENTITY e SYSTEM '{system_id}'>]>"
        f"<ncts:CC015C xmlns:ncts='{NS}'><messageSender>&e;</messageSender></ncts:CC015C>"
    ).encode()


#: name -> (document bytes, a fragment the ParseError's reason must contain)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "not-well-formed": (f"<ncts:CC015C xmlns:ncts='{NS}'><a></b></ncts:CC015C>".encode(), "not well-formed"),
    "unclosed-root": (VALID[: len(VALID) // 2], "not well-formed"),
    "two-roots": (BODY + BODY, "not well-formed"),
    "garbage-bytes": (bytes(range(256)) * 4, "not well-formed"),
    "nul-bytes": (b"\x00" * 64, "not well-formed"),
    "xml-declaration-only": (b"<?xml version='1.0' encoding='UTF-8'?>", "not well-formed"),
    "unknown-encoding": (b"<?xml version='1.0' encoding='EBCDIC-XYZ'?>" + BODY, "encoding"),
    "undeclared-entity": (f"<ncts:CC015C xmlns:ncts='{NS}'>&e;</ncts:CC015C>".encode(), "not well-formed"),
    "internal-dtd": (b"<?xml version='1.0'?><!DOCTYPE ncts:CC015C [<!ELEMENT x ANY>]>" + BODY, "DTD"),
    "external-dtd": (b"<?xml version='1.0'?><!DOCTYPE x SYSTEM 'http://127.0.0.1:9/x.dtd'>" + BODY, "DTD"),
    "xxe-file": (_entity_doc("file:///etc/passwd"), "DTD"),
    "xxe-http": (_entity_doc("http://127.0.0.1:9/secret"), "DTD"),
    # a DOCTYPE after a comment longer than any fixed-size sniffing window
    "xxe-after-long-comment": (_entity_doc("file:///etc/passwd", padding=10_000), "DTD"),
    "billion-laughs": (_laughs(), "DTD"),
    "dtd-in-utf16": (
        (b"<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE x []>" + BODY).decode().encode("utf-16"),
        "DTD",
    ),
    "other-message-CC014C": (f"<ncts:CC014C xmlns:ncts='{NS}'/>".encode(), "CC014C"),
    "root-without-namespace": (b"<CC015C><messageSender>x</messageSender></CC015C>", "namespace"),
    "root-in-another-namespace": (b"<x:CC015C xmlns:x='urn:other'/>", "urn:other"),
    "html": (b"<!doctype html><html><body>hello</body></html>", ""),
    "json": (b'{"CC015C": {"messageSender": "x"}}', "not well-formed"),
    "empty": (b"", "empty"),
    "whitespace-only": (b"  \n\t  \r\n", "empty"),
    "deep-nesting": (
        f"<ncts:CC015C xmlns:ncts='{NS}'>".encode() + b"<a>" * 10_000 + b"</a>" * 10_000 + b"</ncts:CC015C>",
        "nested",
    ),
    "utf8-declared-as-utf16": (VALID.replace(b'encoding="UTF-8"', b'encoding="UTF-16"'), "not well-formed"),
}


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _) in HOSTILE.items():
        (folder / f"{name}.xml").write_bytes(data)
    return folder


def _no_traceback(*texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text
        assert "internal error" not in text


# --------------------------------------------------------------------------- the three ways in
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_from_xml_raises_a_parse_error_naming_the_file(name, hostile_dir):
    path = hostile_dir / f"{name}.xml"
    with pytest.raises(ncts5.ParseError) as info:
        ncts5.from_xml(path)
    error = info.value
    assert error.source == str(path)
    assert str(error).startswith(str(path))
    assert HOSTILE[name][1] in error.reason
    assert SECRET not in str(error) and "root:x:0:0" not in str(error)
    # the same bytes given directly: the same reason, no file name
    with pytest.raises(ncts5.ParseError) as direct:
        ncts5.from_xml(HOSTILE[name][0])
    assert direct.value.source is None
    assert direct.value.reason == error.reason


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_validate_gives_a_single_parse_finding(name, hostile_dir):
    report = ncts5.validate(hostile_dir / f"{name}.xml")
    assert not report.ok
    assert report.message is None
    (finding,) = report.findings
    assert finding.rule == "PARSE"
    assert finding.severity == "error"
    assert finding.data_element is None
    assert finding.path == "/" or finding.path.startswith("line ")
    assert HOSTILE[name][1] in finding.message


def test_cli_reports_every_hostile_file_without_a_traceback(hostile_dir, capsys):
    files = sorted(str(p) for p in hostile_dir.glob("*.xml"))
    assert main(["validate", *files]) == 1
    out, err = capsys.readouterr()
    _no_traceback(out, err)
    for f in files:
        assert any(line.startswith(f"{f}:") and ": PARSE " in line for line in out.splitlines()), f
    assert f"{len(files)} file(s): 0 valid, {len(files)} invalid" in out


def test_cli_in_a_real_process_never_prints_a_traceback(hostile_dir, tmp_path):
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(100 * 2**20)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = [sys.executable, "-m", "ncts5.cli", "validate", "--format", "json", str(hostile_dir), str(big)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 1, done.stderr
    _no_traceback(done.stdout, done.stderr)
    import json

    results = json.loads(done.stdout)
    assert len(results) == len(HOSTILE) + 1
    for r in results:
        assert r["valid"] is False and r["message"] is None
        assert [f["rule"] for f in r["findings"]] == ["PARSE"]


# --------------------------------------------------------------------------- no file or network access
def test_external_entities_are_never_fetched(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    with socket.socket() as server:  # a local listener standing in for "the network"
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        server.setblocking(False)
        port = server.getsockname()[1]
        docs = {
            "file": _entity_doc(secret.as_uri()),
            "http": _entity_doc(f"http://127.0.0.1:{port}/x"),
            "dtd": f"<?xml version='1.0'?><!DOCTYPE x SYSTEM 'http://127.0.0.1:{port}/x.dtd'>".encode() + BODY,
            "late": _entity_doc(secret.as_uri(), padding=10_000),
            "parameter": (
                f"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY % p SYSTEM 'http://127.0.0.1:{port}/p'> %p;]>"
            ).encode()
            + BODY,
        }
        for name, data in docs.items():
            path = tmp_path / f"{name}.xml"
            path.write_bytes(data)
            with pytest.raises(ncts5.ParseError, match="DTD") as info:
                ncts5.from_xml(data)
            assert SECRET not in str(info.value)
            report = ncts5.validate(path)
            assert [f.rule for f in report.findings] == ["PARSE"]
            assert SECRET not in repr(report)
            assert main(["validate", "--format", "json", str(path)]) == 1
            out, err = capsys.readouterr()
            assert SECRET not in out + err
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected


def test_the_parser_itself_resolves_no_entity_even_without_the_dtd_check(tmp_path):
    """Defence in depth: the lxml parser ncts5 uses neither loads files nor expands entities."""
    from lxml import etree

    from ncts5.xml.parsing import _parser

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    root = etree.fromstring(_entity_doc(secret.as_uri()), _parser())
    assert SECRET not in etree.tostring(root).decode()


def test_a_doctype_mentioned_in_a_comment_is_not_a_doctype():
    # only a real DOCTYPE is refused: the words in a comment (even before the root) are harmless
    data = VALID.replace(b"<!-- ", b"<!-- <!DOCTYPE x [<!ENTITY e 'x'>]> ", 1)
    assert data != VALID
    assert ncts5.from_xml(data) == ncts5.from_xml(VALID)


# --------------------------------------------------------------------------- size, depth, odd paths
def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path, capsys):
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(100 * 2**20)  # sparse: instant, no disk used
    with pytest.raises(ncts5.ParseError, match="limit") as info:
        ncts5.from_xml(big)
    assert str(104857600) in str(info.value) and str(ncts5.DEFAULT_MAX_BYTES) in str(info.value)
    assert info.value.source == str(big)
    (finding,) = ncts5.validate(big).findings
    assert finding.rule == "PARSE" and "limit" in finding.message
    assert main(["validate", str(big)]) == 1
    out, err = capsys.readouterr()
    assert f"{big}:/: PARSE" in out
    _no_traceback(out, err)


def test_reading_is_bounded_even_when_the_size_is_unknown():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    # /dev/zero reports size 0 and never ends: the reader must stop at the limit
    with pytest.raises(ncts5.ParseError, match="limit"):
        ncts5.from_xml("/dev/zero", max_bytes=4096)


def test_the_size_limit_applies_to_bytes_and_text_too():
    with pytest.raises(ncts5.ParseError, match="limit"):
        ncts5.from_xml(VALID, max_bytes=len(VALID) - 1)
    with pytest.raises(ncts5.ParseError, match="limit"):
        ncts5.from_xml(VALID.decode(), max_bytes=100)
    assert ncts5.from_xml(VALID, max_bytes=len(VALID)).root_name == "CC015C"
    (finding,) = ncts5.validate(VALID, max_bytes=100).findings
    assert finding.rule == "PARSE"


def test_deep_nesting_is_refused_with_a_clear_reason():
    data = HOSTILE["deep-nesting"][0]
    with pytest.raises(ncts5.ParseError) as info:
        ncts5.from_xml(data)
    assert "nested" in info.value.reason
    assert "XML_PARSE_HUGE" not in info.value.reason  # libxml2's advice is not ncts5's


def test_a_flood_of_problems_is_capped():
    """A million-problem document must not cost a million problem objects (count limit)."""
    from ncts5.xml.reader import MAX_PROBLEMS

    flood = f"<ncts:CC015C xmlns:ncts='{NS}'>".encode() + b"<x/>" * (MAX_PROBLEMS + 5000) + b"</ncts:CC015C>"
    with pytest.raises(ncts5.SchemaError) as info:
        ncts5.from_xml(flood)
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].path == "/CC015C"
    assert "more schema problem(s) not listed" in problems[-1].message
    assert len(ncts5.validate(flood).findings) == MAX_PROBLEMS + 1


def test_a_directory_and_a_missing_file(tmp_path, capsys):
    with pytest.raises(ncts5.ParseError, match="directory") as info:
        ncts5.from_xml(tmp_path)
    assert info.value.source == str(tmp_path)
    missing = tmp_path / "missing.xml"
    with pytest.raises(ncts5.ParseError, match="cannot read") as info:
        ncts5.from_xml(missing)
    assert str(missing) in str(info.value)
    for target in (tmp_path, missing):
        (finding,) = ncts5.validate(target).findings
        assert finding.rule == "PARSE"
    assert main(["validate", str(missing)]) == 2  # on the command line a path naming nothing is a usage error
    out, err = capsys.readouterr()
    assert f"{missing}: no such file" in err
    _no_traceback(out, err)
    # on the command line a folder is searched for .xml files; an empty one is a usage error
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 2
    out, err = capsys.readouterr()
    assert "no .xml files" in err
    _no_traceback(out, err)


@pytest.mark.parametrize("text", ["", "   ", "\n", "x\x00y", "no-such-file.xml", "<a>\ud800</a>"])
def test_odd_strings_are_parse_errors(text):
    with pytest.raises(ncts5.ParseError):
        ncts5.from_xml(text)
    (finding,) = ncts5.validate(text).findings
    assert finding.rule == "PARSE"


def test_unsupported_argument_types_are_the_callers_bug():
    with pytest.raises(TypeError):
        ncts5.from_xml(12345)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- encodings XML allows
def test_utf16_and_byte_order_marks_are_read_like_utf8(tmp_path, capsys):
    """XML processors must read UTF-16 and a BOM; the schema does not care, so neither does ncts5."""
    expected = ncts5.from_xml(VALID)
    text = VALID.decode("utf-8")
    variants = {
        "utf16.xml": text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
        "utf16-be.xml": b"\xfe\xff" + text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-be"),
        "utf16-no-declaration.xml": BODY.decode().encode("utf-16"),
        "utf8-bom.xml": b"\xef\xbb\xbf" + VALID,
        "latin1.xml": text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
    }
    for name, data in variants.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert ncts5.from_xml(path) == expected, name
        assert ncts5.validate(data).ok, name
        assert ncts5.from_xml(path).to_xml().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert main(["validate", "-q", *(str(tmp_path / n) for n in variants)]) == 0
    out, _ = capsys.readouterr()
    assert f"{len(variants)} file(s): {len(variants)} valid" in out


def test_xml_text_is_read_as_text_whatever_its_declaration_says():
    # a str is already decoded: an encoding declaration in it must not re-decode it (mojibake)
    text = VALID.decode("utf-8").replace("Elbe Spedition", "Elbe Spédition")
    for encoding in ("UTF-8", "ISO-8859-1", "UTF-16"):
        declared = text.replace('encoding="UTF-8"', f'encoding="{encoding}"')
        message = ncts5.from_xml(declared)
        assert message.holder_of_the_transit_procedure.name == "Elbe Spédition GmbH", encoding
    assert ncts5.from_xml("\ufeff" + text).holder_of_the_transit_procedure.name == "Elbe Spédition GmbH"
    assert ncts5.from_xml("\n  " + BODY.decode()).root_name == "CC015C"
