"""The written side of an evidence brief: labels, per-guideline statements, references, Markdown.

Split from synthesis/brief.py so the rules there stay readable: this module decides
how a brief looks, that one what it says. Still pure: plain rows and dicts in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from msevidence.queries.brief import GuidelineRow, PublicationRow, StudyRow

REFERENCE_KEYS = (
    "n",
    "kind",
    "key",
    "authors",
    "title",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "pmid",
    "doi",
    "citation",
    "url",
)
# The reference fields a stored publication fills (numbering, kind and citation are not its own).
PUBLICATION_REFERENCE_KEYS = tuple(
    k for k in REFERENCE_KEYS if k not in ("n", "kind", "citation")
)
POSITIVE = ("recommend", "consider")  # directions that endorse a treatment
MAX_AUTHORS = 6  # Vancouver style: list six, else three and "et al."
GROUP_TITLES = {
    "randomised": "Randomised trials",
    "non-randomised": "Non-randomised trials",
    "observational": "Observational studies",
    "review": "Reviews and meta-analyses",
}


def body_label(key: str, name: str) -> str:
    """'ECTRIMS' for acronym keys; the name when the key is just the name run together."""
    compact = re.sub(r"[^a-z0-9]", "", name.lower())
    plain = key.replace("-", "")
    return name if compact.startswith(plain) else key.upper()


def ordered_bodies(g: GuidelineRow) -> list[tuple[str, str]]:
    """Bodies in the order the guideline's key names them (ectrims-ebmt-... -> ECTRIMS, EBMT)."""
    return sorted(
        g.bodies,
        key=lambda b: (g.key.find(b[0]) if b[0] in g.key else len(g.key), b[0]),
    )


def guideline_label(g: GuidelineRow) -> str:
    """'ECTRIMS/EBMT 2025': the issuing bodies together, since joint documents speak for both."""
    bodies = "/".join(body_label(k, n) for k, n in ordered_bodies(g)) or g.key
    return (
        f"{bodies} {g.year}" if g.year else f"{bodies} {g.doc_type.replace('-', ' ')}"
    )


def short_authors(authors: str) -> str:
    people = [a.strip() for a in authors.split(",") if a.strip()]
    return (
        ", ".join(people)
        if len(people) <= MAX_AUTHORS
        else ", ".join(people[:3]) + ", et al"
    )


def reference_text(ref: dict[str, Any]) -> str:
    """One reference line: authors. Title. Journal. Year;vol(issue):pages. PMID. doi."""
    parts = [short_authors(ref["authors"]) + "." if ref.get("authors") else ""]
    title = str(ref["title"]).rstrip(".")
    parts.append(title if title.endswith(("?", "!")) else title + ".")
    where = ref.get("journal") or ""
    if ref.get("year"):
        when = f"{ref['year']}"
        when += f";{ref['volume']}" if ref.get("volume") else ""
        when += f"({ref['issue']})" if ref.get("issue") else ""
        when += f":{ref['pages']}" if ref.get("pages") else ""
        where = f"{where}. {when}" if where else when
    parts.append(f"{where}." if where else "")
    parts.append(f"{ref['citation']}." if ref.get("citation") else "")
    parts.append(f"PMID {ref['pmid']}." if ref.get("pmid") else "")
    parts.append(f"doi:{ref['doi']}." if ref.get("doi") else "")
    if not ref.get("pmid") and not ref.get("doi") and ref.get("url"):
        parts.append(str(ref["url"]))
    return " ".join(p for p in parts if p).replace("..", ".")


class References:
    """Numbers sources in order of first citation; a source cited twice keeps its number."""

    def __init__(self, publications: dict[int, PublicationRow]) -> None:
        self._publications = publications
        self._numbers: dict[str, int] = {}
        self._entries: list[dict[str, Any]] = []

    def _add(self, key: str, entry: dict[str, Any]) -> int:
        if key not in self._numbers:
            self._numbers[key] = len(self._entries) + 1
            self._entries.append({"n": self._numbers[key], **entry})
        return self._numbers[key]

    def _publication(self, pid: int) -> int | None:
        p = self._publications.get(pid)
        if p is None:
            return None
        fields = {f: getattr(p, f) for f in PUBLICATION_REFERENCE_KEYS}
        return self._add(f"pub:{pid}", {"kind": "publication", **fields})

    def guideline(self, g: GuidelineRow) -> int:
        """Its publication when it has one, else the document itself (title, bodies, URL)."""
        if g.publication_id is not None and (n := self._publication(g.publication_id)):
            return n
        entry = {
            "kind": "guideline",
            "key": g.key,
            "authors": "; ".join(name for _, name in g.bodies) or None,
            "title": g.title,
            "year": g.year,
            "citation": g.citation,
            "url": g.url,
        }
        return self._add(f"guideline:{g.key}", entry)

    def guidelines(self, guidelines: Iterable[GuidelineRow]) -> list[int]:
        return [self.guideline(g) for g in guidelines]

    def study(self, s: StudyRow) -> list[int]:
        """Its publications (primary first); a study without one is cited by its record."""
        numbers = [n for pid in s.publication_ids if (n := self._publication(pid))]
        if numbers:
            return numbers
        registry = f"Registry: {', '.join(s.registry_ids)}" if s.registry_ids else None
        entry = {
            "kind": "study",
            "key": s.key,
            "authors": None,
            "title": s.title or s.short_name,
            "year": s.year,
            "citation": registry,
            "url": s.source,
        }
        return [self._add(f"study:{s.key}", entry)]

    def studies(self, studies: Iterable[StudyRow]) -> list[int]:
        return [n for s in studies for n in self.study(s)]

    def entries(self) -> list[dict[str, Any]]:
        """Every reference with the same keys, so JSON consumers need no special cases."""
        return [
            {**dict.fromkeys(REFERENCE_KEYS), **e, "text": reference_text(e)}
            for e in self._entries
        ]


def guideline_entry(
    g: GuidelineRow, drug: str, drug_names: Sequence[str], refs: References
) -> dict[str, Any]:
    """One guideline's position on the drug, or why it does not address it."""
    label = guideline_label(g)
    about = [r for r in g.recommendations if r.about_drug]
    alternatives = sorted(
        {
            n
            for r in g.recommendations
            if r.direction in POSITIVE
            for n in r.interventions
            if n not in drug_names
        }
    )
    if about:
        status = (
            "recommends" if any(r.direction in POSITIVE for r in about) else "addresses"
        )
        directions = ", ".join(dict.fromkeys(r.direction for r in about))
        statement = (
            f"{label} addresses {drug} in {len(about)} recommendation(s): {directions}."
        )
        if status == "addresses":
            statement += f" It does not recommend {drug}."
    elif g.exclusions:
        status = "scope-excludes"
        statement = f"{label} does not address {drug}: its scope excludes it ({' '.join(g.exclusions)}) It does not recommend {drug}."
    else:
        status = "not-addressed"
        count = len(g.recommendations)
        held = (
            f"none of its {count} recommendations covers it"
            if count
            else "it holds no recommendation on it"
        )
        statement = (
            f"{label} does not address {drug}: {held}, so it does not recommend {drug}."
        )
    if alternatives and status != "recommends":
        statement += f" Its recommendations cover: {', '.join(alternatives)}."
    return {
        "guideline": g.key,
        "bodies": [key for key, _ in ordered_bodies(g)],
        "label": label,
        "title": g.title,
        "year": g.year,
        "type": g.doc_type,
        "status": status,
        "statement": statement,
        "recommendations": [
            {
                "code": r.code,
                "direction": r.direction,
                "strength": r.strength,
                "population": r.population,
                "recommendation": r.paraphrase,
                "criteria": r.criteria,
            }
            for r in about
        ],
        "scope_exclusions": list(g.exclusions),
        "recommended_alternatives": alternatives,
        "references": [refs.guideline(g)],
    }


def cite(numbers: Iterable[int]) -> str:
    unique = sorted(set(numbers))
    return f" [{', '.join(map(str, unique))}]" if unique else ""


def brief_markdown(brief: dict[str, Any]) -> str:
    """The brief as Markdown, from the same document the JSON format prints."""
    drug = brief["drug"]
    out = [f"# Evidence brief: {drug['name']}", ""]
    out += [
        f"'{drug['query']}' matched {', '.join(drug['interventions'])} (by {drug['matched_by']}).",
        "",
    ]
    out += ["## From the guidelines", ""]
    for g in brief["guidelines"]:
        out.append(
            f"- **{g['label']}**, {g['title']}{cite(g['references'])}: {g['statement']}"
        )
        for r in g["recommendations"]:
            strength = f", {r['strength']}" if r["strength"] else ""
            text = r["recommendation"] or ""
            out.append(
                f"  - {r['code']} ({r['direction']}{strength}; {r['population'] or 'population not stated'}): {text}"
            )
    if not brief["guidelines"]:
        out.append("No guidelines are in the database.")
    out += ["", "## From the research"]
    for group, title in GROUP_TITLES.items():
        members = [s for s in brief["studies"] if s["design_group"] == group]
        out += ["", f"### {title} ({len(members)})", ""]
        out += [_study_line(s) for s in members] or [
            f"None in the database for {drug['name']}."
        ]
    out += ["", "## Key findings", ""]
    out += [f"- {c['text']}{cite(c['references'])}" for c in brief["claims"]]
    out += ["", "## References", ""]
    out += [f"{r['n']}. {r['text']}" for r in brief["references"]]
    out += ["", f"*{brief['disclaimer']}*", ""]
    return "\n".join(out)


def _study_line(s: dict[str, Any]) -> str:
    facts = [
        s["design"],
        str(s["year"] or "year not stated"),
        f"n = {s['n'] if s['n'] is not None else 'not reported'}",
    ]
    facts += [", ".join(s["phenotypes"])] if s["phenotypes"] else []
    facts += [s["status"]] if s["status"] != "completed" else []
    arms = ", ".join(s["interventions"]) + (
        f" vs {', '.join(s['comparators'])}" if s["comparators"] else ""
    )
    text = f"- **{s['study']}** ({'; '.join(facts)}): {arms}."
    text += f" Population: {s['population']}" if s["population"] else ""
    text += (
        f" Primary result: {s['primary_result']}."
        if s["primary_result"]
        else " No results stored."
    )
    text += f" Safety: {s['safety']}" if s["safety"] else ""
    return text.replace("..", ".") + cite(s["references"])
