r"""Regenerate ``src/newocc/data/dictionary.json`` from two copies of the 2022 dictionary.

Usage::

    python scripts/make_dictionary.py [--reference DIR] [--check]

``DIR`` holds the two third-party copies of the Occupational Classification
Dictionary (职业分类大典, 2022 edition) described in its README (by default
the first ``shared/reference/dictionary_2022`` found beside or above this
checkout).  ``--check`` writes nothing and exits 1 when the committed file
differs from what the copies give.  The output is deterministic: the same
copies and the same ``occupations.json`` give the same bytes.

What the script does, and why:

- The base is the copy of the *online* edition (``airs-osta-csv``): one row per
  detailed occupation (细类) with its code, name and text.  Every code that is
  not already a record of ``occupations.json`` becomes one row here (one code
  is one record; the catalogue's records keep what they have).
- ``definition_zh`` is the text after ``定义：`` up to ``主要工作：``, with the
  copy's line breaks (and blanks next to Chinese text) removed: they fall in
  the middle of words (``管\n理``), so they are extraction artefacts.
- ``工种示例：`` is split into work types (``SubRole``, ``introduced_in``
  None: the list does not say when a type was added).  The copy separates
  items with ``、``, but also writes ``、`` *inside* some names (``陶瓷、玻璃
  文物修复师`` is one work type).  An item that does not end like a job title
  (…工, …员, …师, …长, …手, …人, …司机, …顾问, …助理, …商, …童, …管家,
  …匠, …指导) is the first part of the next one and is kept joined, ``、``
  included; a ``、`` inside brackets never splits.
- Every row is checked against the copy of the 2022 *public-comment draft*
  (``career-navigator-dictionary-copy``).  Rows are paired by name first
  (after stripping S/L marks glued onto names by the extraction, ``…人员L/S``),
  then, for names found in only one copy, by code.  Each disagreement becomes
  data, never a silent choice:

  - the same name under another code → a ``former_codes`` entry, edition
    "2022 dictionary public-comment draft";
  - another name under the same code → a ``former_names`` entry with that
    edition (``get()`` resolves it), unless the draft's name is the online
    name cut short, an extraction artefact that a ``note`` records;
  - another definition → a ``former_definitions`` wording with that edition,
    unless the difference is an extraction artefact of the draft copy (its
    text cut short, digits or Latin letters lost or moved, a foreign passage
    spliced in), which is only counted;
  - a row with no counterpart → a ``note`` on the online row, or, for a draft
    code the online edition does not have, an entry in ``unresolved``.

- The draft copy's S (digital) and L (green) marks, including those glued onto
  names, become ``digital``/``green`` with that copy as ``mark_sources``.  The
  draft copy's category columns (``cate*``, ``*_category_name``) are never
  read: they are shifted in many rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "newocc" / "data" / "dictionary.json"
CATALOGUE = ROOT / "src" / "newocc" / "data" / "occupations.json"
BATCHES = ROOT / "src" / "newocc" / "data" / "batches.json"
ONLINE_FILE = "airs-sync_cn_vs_airs_full_mapping_v3_clean.csv"
DRAFT_FILE = "career-navigator_occupations.jsonl"

ONLINE = "airs-osta-csv"
DRAFT = "career-navigator-dictionary-copy"
DRAFT_EDITION = "2022 dictionary public-comment draft"
ONLINE_EDITION = "2022 dictionary, as kept online"

# How a work type's name ends (see the module docstring).
_ROLE_ENDINGS = ("工", "员", "师", "长", "手", "人", "司机", "顾问", "助理", "商", "童", "管家", "匠", "指导")
# The longest passage the draft adds to a definition as its own wording (9
# characters: 及长期护理服务机构); the extraction's splices are far longer.
_LONGEST_INSERTED_WORDING = 20
_MARK = re.compile(r"(.{2,}?)(L/S|L|S)")


def find_reference() -> Path | None:
    """The first ``shared/reference/dictionary_2022`` beside or above this checkout."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "reference" / "dictionary_2022"
        if (candidate / ONLINE_FILE).is_file() and (candidate / DRAFT_FILE).is_file():
            return candidate
    return None


@dataclass
class OnlineRow:
    """One row of the online-edition copy."""

    code: str
    name: str
    definition: str
    work_types: list[str]


@dataclass
class DraftRow:
    """One row of the draft copy, its name freed of glued marks."""

    code: str
    name: str
    definition: str
    work_types: list[str]
    digital: bool
    green: bool
    from_pdf: bool
    glued_mark: str | None = None


@dataclass
class Report:
    """Counts of what the comparison found, printed after a run."""

    counts: dict[str, int] = field(default_factory=dict)
    catalogue: list[str] = field(default_factory=list)

    def add(self, kind: str, number: int = 1) -> None:
        """Count ``number`` more of ``kind``."""
        self.counts[kind] = self.counts.get(kind, 0) + number


def _no_blanks(text: str) -> str:
    """``text`` without line breaks, and without blanks that touch Chinese text."""
    text = re.sub(r"\s*\n\s*", "", text)
    return re.sub(r"(?<=[^\x00-\x7f])[ \t\u3000]+|[ \t\u3000]+(?=[^\x00-\x7f])", "", text).strip()


def split_work_types(text: str) -> list[str]:
    """The work types of a ``工种示例：`` list, as the module docstring describes.

    >>> split_work_types("快件揽收员、快件派送员。")
    ['快件揽收员', '快件派送员']
    >>> split_work_types("陶瓷、玻璃文物修复师、对（间、邻）二甲苯装置操作工。")
    ['陶瓷、玻璃文物修复师', '对（间、邻）二甲苯装置操作工']
    """
    text = _no_blanks(text).removesuffix("。")
    items, current, depth = [], "", 0
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
        if char == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    joined: list[str] = []
    pending = ""
    for item in items:
        pending = f"{pending}、{item}" if pending else item
        if pending.endswith(_ROLE_ENDINGS):
            joined.append(pending)
            pending = ""
    if pending:
        joined.append(pending)
    return [item for item in joined if item]


def read_online(path: Path) -> list[OnlineRow]:
    """The online-edition copy's rows, in file order (which is code order)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as file:
        for raw in csv.DictReader(file):
            text = raw["cn_definition"]
            match = re.fullmatch(r"定义：(.*?)(?:\s*主要工作：.*?)?(?:\s*工种示例：(.*))?", text, re.S)
            if match is None:
                raise SystemExit(f"{path.name}: {raw['cn_code']}: no 定义： part")
            definition, work_types = match.group(1), match.group(2)
            rows.append(
                OnlineRow(
                    code=raw["cn_code"],
                    name=raw["cn_title"].strip(),
                    definition=_no_blanks(definition),
                    work_types=split_work_types(work_types) if work_types else [],
                )
            )
    return rows


def read_draft(path: Path) -> list[DraftRow]:
    """The draft copy's rows, names freed of glued marks; its category columns are ignored."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        name = raw["occupation_name"].strip()
        marks = "".join(raw["markers"])
        glued = None
        matched = _MARK.fullmatch(name)
        if matched:
            name, glued = matched.group(1), matched.group(2)
            marks += glued
        rows.append(
            DraftRow(
                code=raw["occupation_code"],
                name=name,
                definition=_no_blanks(raw["definition"]),
                work_types=[_no_blanks(w) for w in raw["included_work_types"]],
                digital="S" in marks,
                green="L" in marks,
                from_pdf=raw["source_type"] == "pdf_derived_official_catalog",
                glued_mark=glued,
            )
        )
    return rows


def _comparable(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。.")


def definition_difference(online: str, draft: str) -> str:
    """How the draft's definition differs: "same", an artefact kind, or "wording"."""
    a, b = _comparable(online), _comparable(draft)
    if a == b:
        return "same"
    if b and a.startswith(b) and not draft.rstrip().endswith("。"):
        # A draft text that stops mid-phrase was cut by the extraction; one that
        # ends its sentence is the draft's own, shorter wording.
        return "draft cut short"

    def letters_only(text: str) -> str:
        return re.sub(r"[0-9A-Za-z()（）]", "", text)

    if letters_only(a) == letters_only(b):
        return "draft lost or moved digits or Latin letters"
    prefix = len(_common_prefix(a, b))
    suffix = len(_common_prefix(a[::-1], b[::-1]))
    if len(b) > len(a) and prefix + suffix >= len(a):
        # Text the extraction spliced in from a heading or a wrapped name is long
        # or carries marks; a few words more are the draft's own wording.
        inserted = b[prefix : len(b) - (len(a) - prefix)]
        if len(inserted) > _LONGEST_INSERTED_WORDING or re.search(r"[A-Za-z]", inserted):
            return "draft has a foreign passage spliced in"
    return "wording"


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def pair(online: Sequence[OnlineRow], draft: Sequence[DraftRow]) -> dict[str, DraftRow]:
    """Online code → its draft row: by name first, then by code for names found in one copy only."""
    by_name = {row.name: row for row in draft}
    online_names = {row.name for row in online}
    paired: dict[str, DraftRow] = {}
    for row in online:
        if row.name in by_name:
            paired[row.code] = by_name[row.name]
    used = {id(row) for row in paired.values()}
    by_code = {row.code: row for row in draft if id(row) not in used and row.name not in online_names}
    for row in online:
        if row.code not in paired and row.code in by_code:
            paired[row.code] = by_code[row.code]
    return paired


def _sub_role(name: str, sources: Iterable[str]) -> dict[str, Any]:
    return {"name_zh": name, "name_en": None, "introduced_in": None, "sources": list(sources)}


def build(
    online: Sequence[OnlineRow],
    draft: Sequence[DraftRow],
    catalogue: Sequence[dict[str, Any]],
    batches: Sequence[dict[str, Any]] = (),
) -> tuple[dict[str, Any], Report]:
    """The content of ``dictionary.json`` and a report of what the comparison found."""
    report = Report()
    unplaced = {
        role["name_zh"]: batch["number"] for batch in batches for role in batch.get("unplaced_work_types", [])
    }
    catalogue_codes = {record["code"] for record in catalogue if record.get("code")}
    paired = pair(online, draft)
    draft_by_code = {row.code: row for row in draft}
    paired_ids = {id(row) for row in paired.values()}
    rows = []
    for entry in online:
        if entry.code in catalogue_codes:
            continue
        match = paired.get(entry.code)
        notes: list[str] = []
        same_name = match is not None and match.name == entry.name
        row: dict[str, Any] = {
            "code": entry.code,
            "code_sources": [ONLINE, DRAFT] if same_name and match.code == entry.code else [ONLINE],
            "name_zh": entry.name,
            "sources": [ONLINE, DRAFT] if same_name else [ONLINE],
            "definition_zh": entry.definition,
            "definition_edition": ONLINE_EDITION,
            "definition_sources": [ONLINE],
        }
        former_codes, former_names, former_definitions = [], [], []
        if match is None:
            report.add("online rows the draft copy lacks")
            there = draft_by_code.get(entry.code)
            if there is None:
                notes.append("The public-comment draft copy has no row of this name or code.")
            else:
                moved = next((code for code, row_ in paired.items() if row_ is there), None)
                elsewhere = f" (here at {moved})" if moved and moved != entry.code else ""
                notes.append(
                    f"The public-comment draft copy has no row of this name; at {entry.code} it prints "
                    f"{there.name}{elsewhere}."
                )
        else:
            if match.code != entry.code:
                report.add("draft code differs (former_codes)")
                former_codes.append({"code": match.code, "edition": DRAFT_EDITION, "sources": [DRAFT]})
            if not same_name:
                if entry.name.startswith(match.name):
                    report.add("draft name cut short (note)")
                    notes.append(f"The public-comment draft copy cuts this name short: {match.name}.")
                else:
                    report.add("draft name differs (former_names)")
                    former_names.append({"name_zh": match.name, "edition": DRAFT_EDITION, "sources": [DRAFT]})
            if match.glued_mark:
                report.add("draft name with a glued mark")
            kind = definition_difference(entry.definition, match.definition)
            report.add(f"definition: {kind}")
            if kind == "same":
                row["definition_sources"] = [ONLINE, DRAFT]
            elif kind == "wording":
                former_definitions.append(
                    {"text": match.definition, "edition": DRAFT_EDITION, "sources": [DRAFT]}
                )
        orphans = [
            row_ for row_ in draft if row_.code == entry.code and id(row_) not in paired_ids and row_.from_pdf
        ]
        for orphan in orphans:
            if orphan.name != entry.name:
                report.add("draft row without a counterpart (note)")
                notes.append(
                    f"The public-comment draft copy prints {orphan.name} at {orphan.code}; "
                    "the online edition has no occupation of that name."
                )
        if entry.name in unplaced:
            report.add("work types a batch released that the dictionary made occupations (note)")
            notes.append(
                f"Batch {unplaced[entry.name]} released {entry.name} as a new work type without naming its "
                "occupation; the 2022 dictionary lists it as an occupation of its own."
            )
        for name in entry.work_types:
            if name in unplaced:
                report.add("work types a batch released whose occupation only the dictionary names (note)")
                notes.append(
                    f"Batch {unplaced[name]} released {name} as a new work type without naming its "
                    "occupation; the 2022 dictionary lists it under this one."
                )
        draft_roles = set(match.work_types) if match is not None else set()
        roles = [
            _sub_role(name, [ONLINE, DRAFT] if name in draft_roles else [ONLINE]) for name in entry.work_types
        ]
        extra = [name for name in (match.work_types if match else []) if name not in entry.work_types]
        roles += [_sub_role(name, [DRAFT]) for name in extra]
        report.add("work types", len(roles))
        report.add("work types only in the draft copy", len(extra))
        if roles:
            report.add("rows with work types")
            row["sub_roles"] = roles
        if former_codes:
            row["former_codes"] = former_codes
        if former_definitions:
            row["former_definitions"] = former_definitions
        if former_names:
            row["former_names"] = former_names
        if match is not None and (match.digital or match.green):
            if match.digital:
                row["digital"] = True
            if match.green:
                row["green"] = True
            row["mark_sources"] = [DRAFT]
            report.add("rows with a mark")
        if notes:
            row["note"] = " ".join(notes)
        rows.append(row)
    online_codes = {entry.code for entry in online}
    unresolved = []
    for row_ in draft:
        if id(row_) in paired_ids or row_.code in online_codes or not row_.from_pdf:
            continue
        report.add("draft codes the online edition lacks (unresolved)")
        unresolved.append(
            {
                "code": row_.code,
                "note": (
                    f"The 2022 public-comment draft copy prints {row_.name} at {row_.code}; "
                    "the online edition has neither this code nor that name."
                ),
                "sources": [DRAFT],
            }
        )
    report.add("rows", len(rows))
    _compare_catalogue(online, draft, paired, catalogue, report)
    return {"occupations": rows, "unresolved": unresolved}, report


def _compare_catalogue(
    online: Sequence[OnlineRow],
    draft: Sequence[DraftRow],
    paired: dict[str, DraftRow],
    catalogue: Sequence[dict[str, Any]],
    report: Report,
) -> None:
    """What the copies say of the catalogue's own records that those records do not hold."""
    by_code = {entry.code: entry for entry in online}
    for record in catalogue:
        entry = by_code.get(record.get("code") or "")
        if entry is None:
            report.catalogue.append(
                f"{record['name_zh']}: code {record.get('code')} is not in the online copy"
            )
            continue
        names = {record["name_zh"], record.get("dictionary_name_zh")}
        if entry.name not in names:
            report.catalogue.append(
                f"{record['code']} {record['name_zh']}: the online copy names it {entry.name}"
            )
        roles = {role["name_zh"] for role in record["sub_roles"]}
        missing = [name for name in entry.work_types if name not in roles and name != record["name_zh"]]
        if missing:
            report.catalogue.append(f"{record['code']} {record['name_zh']}: work types not held: {missing}")
        if record.get("definition_zh") is None:
            report.catalogue.append(f"{record['code']} {record['name_zh']}: no definition")
        held = {_comparable(record.get("definition_zh") or "")}
        held |= {_comparable(w["text"]) for w in record.get("former_definitions", [])}
        if _comparable(entry.definition) not in held:
            report.catalogue.append(f"{record['code']} {record['name_zh']}: the online wording is not held")
        match = paired.get(entry.code)
        if (
            match is not None
            and match.from_pdf
            and definition_difference(entry.definition, match.definition) == "wording"
            and _comparable(match.definition) not in held
        ):
            report.catalogue.append(f"{record['code']} {record['name_zh']}: the draft's wording is not held")


def render(content: dict[str, Any]) -> str:
    """The file's text: one record a line, so a change to a record is a one-line diff."""

    def block(key: str) -> str:
        items = [json.dumps(item, ensure_ascii=False, separators=(", ", ": ")) for item in content[key]]
        return f'"{key}": [\n' + ",\n".join(items) + "\n]"

    return "{\n" + ",\n".join(block(key) for key in ("occupations", "unresolved")) + "\n}\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=None, help="directory holding the two copies")
    parser.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    args = parser.parse_args(argv)
    reference = args.reference or find_reference()
    if reference is None:
        parser.error("no shared/reference/dictionary_2022 found; pass --reference DIR")
    online = read_online(reference / ONLINE_FILE)
    draft = read_draft(reference / DRAFT_FILE)
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    batches = json.loads(BATCHES.read_text(encoding="utf-8"))
    content, report = build(online, draft, catalogue, batches)
    text = render(content)
    for kind, number in sorted(report.counts.items()):
        print(f"{number:6d}  {kind}", file=sys.stderr)
    for line in report.catalogue:
        print(f"catalogue: {line}", file=sys.stderr)
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print("dictionary.json is current" if same else "dictionary.json is stale", file=sys.stderr)
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
