"""Build a realistic synthetic msevidence database for benchmarks and plan tests.

    python benchmarks/synth.py --studies 1000000 --db sqlite:////tmp/ms-1m.db [--seed 42]

The schema comes from the project's own migrations (msevidence.db.migrate.upgrade)
and, unless --no-seed, the shipped seed is loaded first (negative ids) with
msevidence.db.seed.load_seed, so real drug queries (`--drug naltrexone`) return the
same handful of rows at every size. Synthetic rows get positive ids.

How it is fast: every random draw comes from random.Random(seed), but Python does
not build the ~11 rows of every study one by one (executemany of Python tuples tops
out near 11,000 studies/s, mostly spent binding parameters). Instead:

1. the small tables (a few thousand interventions with aliases, outcomes, bodies,
   a few hundred guidelines and recommendations) are drawn in Python and written with
   executemany (COPY on PostgreSQL), into the models' own tables;
2. weighted choices become lookup tables of 2**k equally likely buckets (a Zipf-like
   law over the interventions, design/phenotype/status mixes, sampled years, sizes,
   effect estimates, prose fragments ...);
3. for each chunk of studies Python draws eight 63-bit integers per study
   (Random.randbytes) into a temporary table, and one INSERT ... SELECT per target
   table (studies, study_phenotypes, registrations, publications,
   study_publications, arms, results) decodes bit fields of those integers into
   bucket numbers and joins the lookup tables. The database does the per-row work
   in C, and the tables' CHECK constraints still validate every row.

The loading runs at the speed of SQLite writing these rows at all: 1M studies load in
about 29 s, where copying the same rows into the same schema without computing any
value takes 28 s (benchmarks/synth_floor.py). Re-creating the indexes, the study
listings and ANALYZE take about 40 s more, so the whole build runs at 12,000-14,500
studies/s on two cores, not the 50,000 once aimed for (benchmarks/ANALYSIS.md).

The same --seed gives the same database: the chunks are seeded from --seed and their
first study number, and every id is a function of the study number i (arms and
results 4*i+k, publications and registrations 2*i+k).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sqlite3
import struct
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Run from a source checkout without installing.
_SRC = Path(__file__).resolve().parent.parent / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from sqlalchemy import Table, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from msevidence.aliases import normalise  # noqa: E402
from msevidence.db.engine import make_engine  # noqa: E402
from msevidence.db.listings import rebuild_listings  # noqa: E402
from msevidence.db.migrate import upgrade  # noqa: E402
from msevidence.db.seed import analyze, load_seed  # noqa: E402
from msevidence.models import (  # noqa: E402
    Body,
    Guideline,
    GuidelineBody,
    Intervention,
    InterventionAlias,
    Outcome,
    Recommendation,
    RecommendationIntervention,
    ScopeExclusion,
)

CHUNK = 100_000  # studies per INSERT ... SELECT round
N_INTERVENTIONS = 3_000
N_GUIDELINES = 300
ZIPF_S = 1.1  # exponent of the intervention usage law
DRUG_BITS = 18  # 262,144 buckets: even the rarest of 3,000 drugs gets a few

DESIGN_WEIGHTS = {
    "rct-parallel": 30,
    "rct-crossover": 4,
    "non-randomised-trial": 8,
    "cohort": 22,
    "registry": 9,
    "quasi-experimental": 3,
    "case-series": 8,
    "systematic-review": 7,
    "meta-analysis": 6,
    "narrative-review": 3,
}
RANDOMISED = {"rct-parallel", "rct-crossover"}
TRIALS = RANDOMISED | {"non-randomised-trial", "quasi-experimental"}
PHENOTYPE_WEIGHTS = {
    "RRMS": 40,
    "RMS": 16,
    "SPMS": 10,
    "PPMS": 10,
    "CIS": 6,
    "mixed": 14,
    "NMOSD": 4,
}
STATUS_WEIGHTS = {
    "completed": 78,
    "ongoing": 4,
    "recruiting": 6,
    "active-not-recruiting": 4,
    "terminated": 5,
    "withdrawn": 1,
    "unknown": 2,
}
COUNTRIES = [
    "multinational", "USA", "Canada", "UK", "Germany", "France", "Italy", "Spain",
    "Sweden", "Norway", "Denmark", "Netherlands", "Iran", "China", "Japan",
    "Australia", "Brazil", "Poland", "Czech Republic", "Switzerland", "Israel",
]  # fmt: skip
SURNAMES = [
    "Smith", "Müller", "Rossi", "García", "Johansson", "Kappos", "Hauser", "Cohen",
    "Montalban", "Giovannoni", "Comi", "Fox", "Cree", "Polman", "Coles", "Havrdova",
    "Hartung", "Wiendl", "Tintoré", "Sormani", "Filippi", "Barkhof", "Lublin",
    "Freedman", "Kuhle", "Ziemssen", "Ocampo", "Nakamura", "Wang", "Li", "Zhang",
    "Kim", "Park", "Sato", "Ahmadi", "Rezaei", "Olsson", "Berger", "Weber",
    "Schmidt", "Dubois", "Martin", "Moreau", "Jensen", "Nielsen", "Larsen", "Novak",
    "Kowalski", "Silva", "Santos", "Oliveira", "Costa", "O'Brien", "Murphy", "Kelly",
]  # fmt: skip
INITIALS = [
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "J",
    "K",
    "L",
    "M",
    "N",
    "P",
    "R",
    "S",
    "T",
    "W",
]
JOURNALS = [
    ("Lancet", "1016"), ("N Engl J Med", "1056"), ("JAMA Neurol", "1001"),
    ("Neurology", "1212"), ("Mult Scler", "1177"), ("Mult Scler Relat Disord", "1016"),
    ("Ann Neurol", "1002"), ("Brain", "1093"), ("J Neurol Neurosurg Psychiatry", "1136"),
    ("Eur J Neurol", "1111"), ("J Neurol", "1007"), ("PLoS One", "1371"),
    ("Cochrane Database Syst Rev", "1002"), ("Front Neurol", "3389"), ("BMJ", "1136"),
]  # fmt: skip
SYLLABLES = [
    "ba", "be", "bi", "ca", "ce", "da", "de", "di", "do", "fa", "fe", "fi", "ga",
    "ge", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no",
    "pa", "pe", "pi", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te",
    "ti", "to", "va", "ve", "vi", "xa", "za", "ze", "zi", "zo", "tu", "lu", "nu",
]  # fmt: skip
STEMS = [
    ("mab", "monoclonal antibody", "intravenous"),
    ("zumab", "humanised monoclonal antibody", "intravenous"),
    ("ximab", "chimeric monoclonal antibody", "intravenous"),
    ("limod", "sphingosine-1-phosphate receptor modulator", "oral"),
    ("tinib", "Bruton tyrosine kinase inhibitor", "oral"),
    ("fumarate", "fumarate", "oral"),
    ("flunomide", "dihydroorotate dehydrogenase inhibitor", "oral"),
    ("ribine", "purine nucleoside analogue", "oral"),
    ("statin", "HMG-CoA reductase inhibitor", "oral"),
    ("olol", "beta blocker", "oral"),
    ("pridine", "potassium channel blocker", "oral"),
    ("trexone", "opioid receptor antagonist", "oral"),
    ("cept", "fusion protein", "subcutaneous"),
    ("tide", "peptide immunomodulator", "subcutaneous"),
    ("vir", "antiviral", "oral"),
    ("cillin", "antibiotic", "oral"),
    ("sone", "corticosteroid", "intravenous"),
    ("amine", None, "oral"),
    ("ol", None, "oral"),
    ("ine", None, None),
]  # fmt: skip
PROCEDURES = [
    "plasma exchange", "aerobic exercise programme", "cognitive rehabilitation",
    "mindfulness-based stress reduction", "vitamin D supplementation",
    "Mediterranean diet", "intermittent fasting", "transcranial magnetic stimulation",
    "pelvic floor training", "hippotherapy", "cooling garments", "acupuncture",
]  # fmt: skip
TIMEPOINTS = [
    "12 weeks",
    "24 weeks",
    "48 weeks",
    "96 weeks",
    "1 year",
    "2 years",
    "5 years",
    "end of study",
]
FOLLOW_UP = [(12, "12 weeks"), (24, "24 weeks"), (48, "48 weeks"), (52, "1 year"), (96, "96 weeks"),
             (104, "2 years"), (156, "3 years"), (260, "5 years"), (520, "10 years")]  # fmt: skip
ANALYSES = [
    None,
    None,
    "intention-to-treat",
    "per-protocol",
    "modified intention-to-treat",
]
EFFECT_MEASURE_WEIGHTS = {"rate-ratio": 25, "hazard-ratio": 35, "risk-ratio": 10, "odds-ratio": 10,
                          "mean-difference": 12, "risk-difference": 4, "relative-reduction-pct": 4}  # fmt: skip
ARM_MEASURES = ["rate", "proportion", "percent", "mean", "median", "count"]
OUTCOMES = [
    ("ARR", "Annualised relapse rate", "relapse"), ("RELAPSE-FREE", "Proportion relapse-free", "relapse"),
    ("TIME-TO-RELAPSE", "Time to first relapse", "relapse"), ("CDP12", "12-week confirmed disability progression", "disability"),
    ("CDP24", "24-week confirmed disability progression", "disability"), ("EDSS-CHANGE", "Change in EDSS", "disability"),
    ("T25FW", "Timed 25-foot walk", "disability"), ("9HPT", "Nine-hole peg test", "disability"),
    ("NEDA3", "No evidence of disease activity", "other"), ("GD-LESIONS", "Gadolinium-enhancing lesions", "mri"),
    ("NEW-T2", "New or enlarging T2 lesions", "mri"), ("BRAIN-VOLUME", "Brain volume change", "mri"),
    ("MSQOL54", "MSQOL-54 score", "qol"), ("MSIS29", "MSIS-29 score", "qol"), ("EQ5D", "EQ-5D index", "qol"),
    ("FATIGUE-MFIS", "Modified Fatigue Impact Scale", "symptom"), ("PAIN-NRS", "Pain numeric rating scale", "symptom"),
    ("SPASTICITY", "Spasticity (Ashworth)", "symptom"), ("DEPRESSION-BDI", "Beck Depression Inventory", "symptom"),
    ("SDMT", "Symbol Digit Modalities Test", "disability"), ("AE-ANY", "Any adverse event", "safety"),
    ("AE-SERIOUS", "Serious adverse events", "safety"), ("INFECTIONS", "Infections", "safety"),
    ("DISCONTINUATION", "Discontinuation for adverse events", "safety"), ("DEATH", "Death", "safety"),
    ("PML", "Progressive multifocal leukoencephalopathy", "safety"), ("NFL", "Serum neurofilament light", "other"),
    ("OCT-RNFL", "Retinal nerve fibre layer thickness", "other"), ("EMPLOYMENT", "Employment status", "other"),
    ("ADHERENCE", "Treatment adherence", "other"),
]  # fmt: skip
# Prose fragments: (before, after) the phenotype / the drug ... comparator.
POPULATION = [
    (
        "Adults aged 18 to 55 with ",
        " and at least one relapse in the previous year; EDSS 0 to 5.5 at screening.",
    ),
    (
        "People with ",
        " seen at tertiary MS centres; about two thirds women, mean age 38.",
    ),
    (
        "Treatment-naive and previously treated patients with ",
        "; EDSS up to 6.5; stable for 30 days.",
    ),
    (
        "Consecutive patients with ",
        " starting therapy at MS clinics, identified from routine records.",
    ),
]
CONCLUSION = [
    (
        " reduced the annualised relapse rate compared with ",
        "; disability outcomes did not differ significantly.",
    ),
    (
        " did not differ significantly from ",
        " on the primary outcome; secondary MRI outcomes favoured it.",
    ),
    (
        " was associated with fewer new T2 lesions than ",
        "; the effect on disability progression was uncertain.",
    ),
    (
        " gave better quality-of-life scores than ",
        "; the authors call for a larger randomised trial.",
    ),
]
SAFETY = [
    None,
    "Infusion reactions and upper respiratory infections were the most common adverse events.",
    "Serious adverse events were similar between arms; no deaths attributed to treatment.",
    "Lymphopenia was more frequent on the experimental treatment; two serious infections were reported.",
]
CAVEATS = [
    None, None, None,
    "Open-label design and a high drop-out rate limit the certainty of the findings.",
    "Small sample and short follow-up; the primary outcome was changed after registration.",
    "Retrospective data with possible confounding by indication.",
    "Industry-funded; results of secondary outcomes were reported selectively.",
    "Single centre; the comparator group was historical.",
]  # fmt: skip
NARRATIVE = [
    "No statistically significant difference between arms.",
    "Improvement was sustained to the end of follow-up.",
    "Outcome reported only as a figure; values could not be extracted.",
    "Fewer participants worsened on the experimental treatment.",
    "Effect was larger in treatment-naive participants (subgroup analysis).",
    "No new safety signals were identified.",
    "The difference was not clinically meaningful.",
    "Results were reported as a conference abstract only.",
]
REGIMENS = ["standard dose", "high dose", "weekly", "monthly"]
DESIGN_WORDS = {d: d.replace("-", " ") for d in DESIGN_WEIGHTS}
PUB_TYPE = {
    "systematic-review": "review",
    "narrative-review": "review",
    "meta-analysis": "meta-analysis",
}


@dataclass(frozen=True)
class BuildReport:
    url: str
    studies: int
    seconds: float
    rows: dict[str, int]

    @property
    def studies_per_second(self) -> float:
        return self.studies / self.seconds if self.seconds else float("inf")


# --------------------------------------------------------------------------- writers


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns]


class SqliteWriter:
    """A raw sqlite3 connection with the journal and fsync off while loading."""

    dialect = "sqlite"
    true, false = 1, 0

    def __init__(self, path: str, *, checks: bool = False) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.checks = checks
        # The migrated file is in WAL mode; a benchmark build needs no crash safety.
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            "locking_mode=EXCLUSIVE",
            "foreign_keys=OFF",  # rows are consistent by construction
            "temp_store=MEMORY",
            "cache_size=-1048576",  # 1 GiB of page cache
            "threads=2",  # CREATE INDEX sorts on both cores
            # SQLite re-evaluates the CHECK constraints' IN lists for every row, which
            # costs a third of the load; they are verified once at the end instead.
            f"ignore_check_constraints={'OFF' if checks else 'ON'}",
        ):
            self.con.execute(f"PRAGMA {pragma}")
        self.con.execute("BEGIN")
        self._dropped: list[str] = []

    def execute(self, sql: str) -> int:
        return self.con.execute(sql).rowcount

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def insert(
        self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        marks = ", ".join("?" * len(columns))
        self.con.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )

    def drop_indexes(self, tables: Iterable[str]) -> None:
        """Drop the migrations' secondary indexes; finish() re-creates them verbatim.

        Building an index once by sorting is far cheaper than keeping it up to date
        through millions of inserts. UNIQUE constraints (autoindexes) stay, so
        uniqueness is still enforced while loading.
        """
        names = list(tables)
        marks = ",".join("?" * len(names))
        rows = self.con.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            names,
        ).fetchall()
        for name, sql in rows:
            self._dropped.append(sql)
            self.con.execute(f'DROP INDEX "{name}"')

    def finish(self, verify: bool = True) -> None:
        for sql in self._dropped:
            self.con.execute(sql)
        self.con.execute("COMMIT")
        self.con.execute("PRAGMA ignore_check_constraints=OFF")
        if verify and not self.checks:
            # quick_check verifies CHECK and NOT NULL constraints of every row.
            problems = [r[0] for r in self.con.execute("PRAGMA quick_check(20)")]
            if problems != ["ok"]:
                raise RuntimeError(
                    "synthetic rows break the schema: " + "; ".join(problems)
                )
        self.con.execute("PRAGMA locking_mode=NORMAL")
        self.con.execute("PRAGMA journal_mode=WAL")  # as msevidence leaves a database
        self.con.close()


class PostgresWriter:
    """One psycopg transaction; bulk rows go through COPY."""

    dialect = "postgresql"
    true, false = True, False

    def __init__(self, engine: Any) -> None:
        self.raw = engine.raw_connection()
        self.con = self.raw.driver_connection
        self.cur = self.con.cursor()

    def execute(self, sql: str) -> int:
        self.cur.execute(sql)
        return self.cur.rowcount

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        self.cur.execute(sql)
        return self.cur.fetchall()

    def insert(
        self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        with self.cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def drop_indexes(self, tables: Iterable[str]) -> None:
        return None

    def finish(self, verify: bool = True) -> None:
        self.con.commit()
        self.con.autocommit = True
        self.cur.execute("ANALYZE")
        self.raw.close()


def _insert_model(writer: Any, table: Table, rows: list[tuple[Any, ...]]) -> int:
    if rows:
        writer.insert(table.name, _columns(table), rows)
    return len(rows)


# --------------------------------------------------------------------------- lookups


def _buckets(values: Sequence[Any], weights: Sequence[float], bits: int) -> list[Any]:
    """2**bits buckets, each value getting a share of them proportional to its weight
    (at least one), so a uniform bucket number draws a value with that weight."""
    size = 1 << bits
    total = float(sum(weights))
    counts = [max(1, round(w / total * size)) for w in weights]
    counts[counts.index(max(counts))] += size - sum(counts)
    assert min(counts) >= 1, "too few buckets for the weights"
    out: list[Any] = []
    for value, count in zip(values, counts, strict=True):
        out.extend([value] * count)
    return out


def _zipf(n: int, s: float = ZIPF_S) -> list[float]:
    return [1.0 / (r**s) for r in range(1, n + 1)]


def _lookup(writer: Any, name: str, coldefs: str, rows: Sequence[Any]) -> None:
    """A temporary table `name` (b INTEGER PRIMARY KEY, coldefs...) of bucket rows."""
    writer.execute(f"DROP TABLE IF EXISTS {name}")
    writer.execute(f"CREATE TEMP TABLE {name} (b INTEGER PRIMARY KEY, {coldefs})")
    columns = ["b"] + [c.split()[0] for c in coldefs.split(",")]
    tuples = ((b, *(v if isinstance(v, tuple) else (v,))) for b, v in enumerate(rows))
    writer.insert(name, columns, tuples)


def _invented_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def build_vocabulary(writer: Any, seed: int, n_interventions: int) -> dict[str, int]:
    """Interventions, aliases, outcomes, guidelines; and the lookup tables."""
    rng = random.Random(f"{seed}-vocabulary")
    taken_names = {
        normalise(r[0]) for r in writer.query("SELECT name FROM interventions")
    }
    taken_names |= {
        r[0] for r in writer.query("SELECT alias_norm FROM intervention_aliases")
    }
    taken_keys = {r[0] for r in writer.query("SELECT key FROM interventions")}
    taken_codes = {r[0] for r in writer.query("SELECT code FROM outcomes")}
    counts: dict[str, int] = {}

    # Interventions: invented INN-like names whose stem gives the class.
    placebo_id = 1
    interventions: list[tuple[Any, ...]] = [
        (placebo_id, "syn-placebo", "matching placebo", "placebo", None, None, None, "not-applicable",
         "Inactive comparator matched to the active treatment.", "synthetic", "derived")
    ]  # fmt: skip
    taken_names.add("matching placebo")
    names = {placebo_id: "matching placebo"}
    aliases: list[tuple[Any, ...]] = []
    iid = placebo_id
    while len(interventions) < n_interventions:
        if rng.random() < 0.04:
            name = f"{rng.choice(PROCEDURES)} {_invented_name(rng, 2)}"
            kind, cls, route, approval = "procedure", None, None, "not-applicable"
        else:
            stem, cls, route = rng.choice(STEMS)
            name = _invented_name(rng, rng.choice((2, 3, 3, 4))) + stem
            kind = "drug"
            approval = _weighted(
                rng,
                {
                    "approved": 15,
                    "off-label": 20,
                    "investigational": 55,
                    "not-approved": 10,
                },
            )
        norm = normalise(name)
        if norm in taken_names:
            continue
        taken_names.add(norm)
        iid += 1
        key = "syn-" + norm.replace(" ", "-")
        if key in taken_keys:
            key = f"{key}-{iid}"
        atc = (
            f"L04A{rng.choice('ABCGX')}{rng.randrange(1, 99):02d}"
            if kind == "drug" and rng.random() < 0.5
            else None
        )
        interventions.append(
            (iid, key, name, kind, cls, atc, route, approval,
             f"Synthetic {kind} {name}" + (f", a {cls}." if cls else "."),
             f"https://example.org/synthetic/interventions/{iid}", rng.choice(("verified", "secondary", "derived")))
        )  # fmt: skip
        names[iid] = name
        # 0-3 aliases: a brand, a development code, an abbreviation.
        for alias_kind in rng.sample(
            ("brand", "code", "abbreviation"), rng.choice((0, 1, 1, 2, 2, 3))
        ):
            if alias_kind == "brand":
                alias = _invented_name(rng, 3).capitalize() + rng.choice(
                    ("", "x", "a", "on", "is")
                )
            elif alias_kind == "code":
                alias = f"{rng.choice(('BIIB', 'RO', 'GNbAC', 'MT', 'SAR', 'TG', 'ABX'))}{rng.randrange(100, 99999)}"
            else:
                alias = (
                    "".join(w[0] for w in name.split()).upper()
                    if " " in name
                    else name[:5].upper()
                )
            alias_norm = normalise(alias)
            if alias_norm in taken_names:
                continue
            taken_names.add(alias_norm)
            aliases.append(
                (len(aliases) + 1, iid, alias, alias_norm, alias_kind,
                 None if rng.random() < 0.5 else "https://example.org/synthetic/aliases")
            )  # fmt: skip
    counts["interventions"] = _insert_model(
        writer, Intervention.__table__, interventions
    )
    counts["intervention_aliases"] = _insert_model(
        writer, InterventionAlias.__table__, aliases
    )

    # Zipf-like usage over a shuffled order, so popularity is unrelated to the id.
    drugs = [r[0] for r in interventions[1:]]
    rng.shuffle(drugs)
    drug_weights = _zipf(len(drugs))

    # Outcomes: the common ones (unless the seed has them) and timepoint variants.
    outcomes = []
    for code, name, category in OUTCOMES:
        for suffix in ("", "-W48", "-W96"):
            if code + suffix not in taken_codes:
                label = name + (f" at week {suffix[2:]}" if suffix else "")
                outcomes.append(
                    (len(outcomes) + 1, code + suffix, label, category, None)
                )
    counts["outcomes"] = _insert_model(writer, Outcome.__table__, outcomes)

    # Guidelines, their bodies and recommendations.
    bodies = [
        (
            b,
            f"syn-body-{b}",
            f"Synthetic {rng.choice(('Society', 'Academy', 'Institute', 'Council'))} {b}",
        )
        for b in range(1, 31)
    ]
    guidelines, g_bodies, recs, rec_int, excl = [], [], [], [], []
    for g in range(1, N_GUIDELINES + 1):
        year = rng.randrange(2000, 2026)
        url = f"https://example.org/synthetic/guidelines/{g}"
        guidelines.append(
            (g, f"syn-guideline-{g}", f"Synthetic guideline {g} on the treatment of multiple sclerosis", year,
             rng.choice(("guideline", "consensus", "technology-appraisal", "position-statement", "web-page")),
             None, f"Synthetic body. Mult Scler. {year}", url,
             rng.choice((None, "GRADE", "SIGN", "Oxford CEBM")), "Adults with MS.", url,
             rng.choice(("verified", "secondary")))
        )  # fmt: skip
        g_bodies += [(g, b) for b in rng.sample(range(1, 31), rng.choice((1, 1, 2, 3)))]
        for k in range(rng.randrange(1, 6)):
            drug = rng.choices(drugs, drug_weights)[0]
            recs.append(
                (len(recs) + 1, g, f"R{k + 1}", names[drug], rng.choice(("RRMS", "active relapsing MS", "PPMS", None)),
                 rng.choice(("recommend", "recommend-against", "consider", "research-only", "insufficient-evidence", "informational")),
                 rng.choice((None, "strong", "weak", "conditional")), None,
                 f"Synthetic recommendation {k + 1} about {names[drug]}.", url, "verified")
            )  # fmt: skip
            rec_int.append((len(recs), drug))
        if rng.random() < 0.2:
            excl.append(
                (
                    len(excl) + 1,
                    g,
                    rng.choice(drugs),
                    "Outside the guideline's scope.",
                    url,
                    "verified",
                )
            )
    counts["bodies"] = _insert_model(writer, Body.__table__, bodies)
    counts["guidelines"] = _insert_model(writer, Guideline.__table__, guidelines)
    counts["guideline_bodies"] = _insert_model(
        writer, GuidelineBody.__table__, g_bodies
    )
    counts["recommendations"] = _insert_model(writer, Recommendation.__table__, recs)
    counts["recommendation_interventions"] = _insert_model(
        writer, RecommendationIntervention.__table__, rec_int
    )
    counts["scope_exclusions"] = _insert_model(writer, ScopeExclusion.__table__, excl)

    # Lookup tables: weighted choices as equally likely buckets. Independent draws
    # that are used together share one table of 4,096 random combinations, so a
    # study needs seven lookups rather than twenty.
    _lookup(writer, "syn_drug", "drug_id INTEGER, name TEXT",
            [(d, names[d]) for d in _buckets(drugs, drug_weights, DRUG_BITS)])  # fmt: skip
    # Yearly output grows linearly from 1985 to 2025; sizes are log-normal with a long tail.
    _lookup(
        writer,
        "syn_year",
        "year INTEGER",
        sorted(1985 + int(41 * rng.random() ** 0.5) for _ in range(1024)),
    )
    _lookup(
        writer,
        "syn_n",
        "n INTEGER",
        sorted(int(math.exp(rng.gauss(4.6, 1.1))) + 8 for _ in range(4096)),
    )
    combos = []
    for _ in range(4096):
        design = _weighted(rng, DESIGN_WEIGHTS)
        ph2 = _weighted(rng, {None: 300, **PHENOTYPE_WEIGHTS})  # a quarter have two
        combos.append(
            (design, int(design in RANDOMISED), int(design in TRIALS), DESIGN_WORDS[design],
             PUB_TYPE.get(design, "article"), _weighted(rng, STATUS_WEIGHTS), _weighted(rng, PHENOTYPE_WEIGHTS),
             ph2, _weighted(rng, {"placebo": 40, "active-comparator": 45, "no-intervention": 15}))
        )  # fmt: skip
    _lookup(writer, "syn_kind_a",
            "design TEXT, randomised INTEGER, trial INTEGER, words TEXT, pub_type TEXT, status TEXT, "
            "ph1 TEXT, ph2 TEXT, comp_role TEXT", combos)  # fmt: skip
    combos = []
    for _ in range(4096):
        weeks, label = rng.choice(FOLLOW_UP)
        combos.append(
            (rng.choice(COUNTRIES), rng.choice(("double-blind", "single-blind", "assessor-blind", "open-label")),
             rng.choice(("1", "2", "2", "3", "3", "3", "4", "4")), float(weeks), label, *rng.choice(POPULATION),
             *rng.choice(CONCLUSION), rng.choice(SAFETY), rng.choice(CAVEATS),
             rng.choice(("verified",) * 4 + ("secondary",)), rng.choice(REGIMENS), rng.choice(TIMEPOINTS),
             rng.choice(ANALYSES))
        )  # fmt: skip
    _lookup(writer, "syn_kind_b",
            "country TEXT, blinding TEXT, phase TEXT, fu_weeks DOUBLE PRECISION, fu_label TEXT, pop_a TEXT, "
            "pop_z TEXT, con_a TEXT, con_z TEXT, safety TEXT, caveats TEXT, verification TEXT, regimen TEXT, "
            "timepoint TEXT, analysis TEXT", combos)  # fmt: skip
    authors = []
    for _ in range(4096):
        surname = rng.choice(SURNAMES)
        first = f"{surname} {rng.choice(INITIALS)}{rng.choice(INITIALS)}"
        others = [
            f"{rng.choice(SURNAMES)} {rng.choice(INITIALS)}"
            for _ in range(rng.randrange(1, 8))
        ]
        authors.append(
            (surname, surname.lower().replace("'", ""), first, ", ".join([first, *others]),
             _invented_name(rng, 2).upper())
        )  # fmt: skip
    _lookup(
        writer,
        "syn_author",
        "surname TEXT, keyname TEXT, first_author TEXT, authors TEXT, acr TEXT",
        authors,
    )
    _lookup(
        writer,
        "syn_journal",
        "journal TEXT, prefix TEXT",
        [rng.choice(JOURNALS) for _ in range(16)],
    )
    _lookup(writer, "syn_regimen", "txt TEXT", REGIMENS)
    _lookup(writer, "syn_timepoint", "txt TEXT", TIMEPOINTS)
    _lookup(writer, "syn_analysis", "txt TEXT", list(ANALYSES) + [None] * 3)
    _lookup(writer, "syn_narrative", "txt TEXT", NARRATIVE)
    _lookup(writer, "syn_outcome", "outcome_id INTEGER",
            _buckets([o[0] for o in outcomes], _zipf(len(outcomes), 0.9), 10))  # fmt: skip
    # Result kinds: buckets 0-1023 for a study's first result, 1024-2047 for the others.
    _lookup(writer, "syn_kind", "kind TEXT",
            _buckets(["effect", "narrative", "arm"], [75, 5, 20], 10)
            + _buckets(["effect", "narrative", "arm"], [15, 25, 60], 10))  # fmt: skip
    values = []
    for _ in range(4096):
        measure = _weighted(rng, EFFECT_MEASURE_WEIGHTS)
        if "ratio" in measure:
            value = round(math.exp(rng.gauss(-0.35, 0.35)), 2)
        elif measure == "relative-reduction-pct":
            value = round(rng.uniform(-10, 70), 1)
        else:
            value = round(rng.gauss(-0.3, 0.8), 2)
        half = round(abs(value) * rng.uniform(0.1, 0.5) + 0.02, 2)
        p = round(rng.random() ** 3, 4)
        values.append(
            (measure, value, round(value - half, 2), round(value + half, 2), max(p, 0.001), "<" if p < 0.001 else "=",
             rng.choice(ARM_MEASURES), round(rng.uniform(0, 100), 1))
        )  # fmt: skip
    _lookup(writer, "syn_value",
            "measure TEXT, value DOUBLE PRECISION, lower DOUBLE PRECISION, upper DOUBLE PRECISION, "
            "p DOUBLE PRECISION, p_op TEXT, arm_measure TEXT, arm_value DOUBLE PRECISION", values)  # fmt: skip
    _lookup(writer, "syn_slot", "k INTEGER", [0, 1, 2, 3])
    writer.placebo_id = placebo_id
    return counts


# --------------------------------------------------------------------------- studies


def _f(word: int, shift: int, bits: int) -> str:
    """Bits shift..shift+bits-1 of the study's random word rN, as a bucket number."""
    return f"((r.r{word} >> {shift}) & {(1 << bits) - 1})"


def _cap(expr: str) -> str:
    return f"upper(substr({expr}, 1, 1)) || substr({expr}, 2)"


def _text(expr: str) -> str:
    return f"CAST({expr} AS VARCHAR(40))"


# The bit layout of the eight random words of a study:
#  r0: kind_a 0-11, year 12-21, n 22-33, drug 34-51, acronym? 52-61
#  r1: comparator drug 0-17, kind_b 18-29, author 30-41, n_analysed? 42-44, analysed share 45-51
#  r2: (spare)
#  r3: NCT? 0-9, EudraCT? 10-19, 2nd publication? 20-29, journals 30-33 / 34-37,
#      volume 38-46, issue 47-50, first page 51-60
#  r4: per publication k (shift 20k): PMID? 0-6, DOI? 7-13, PMCID? 14-19;
#      2nd publication gap 40-41, role 42, third arm? 43-52
#  r5: number of results 0-9, kind of result k 16+10k
#  r6: outcome of result k 10k, narrative of result k 40+3k, arm of result k 52+2k
#  r7: value bucket of result k 12k
STUDY_SQL = f"""
CREATE TEMP TABLE syn_study AS
SELECT q.*, COALESCE(q.acronym, q.surname || ' ' || {_text("q.year")}) AS short_name
FROM (
  SELECT r.i AS i, a.design AS design, a.randomised AS randomised, a.trial AS trial, a.words AS design_words,
    a.pub_type AS pub_type, y.year AS year, nn.n AS n, dr.drug_id AS drug_id, dr.name AS dname,
    CASE a.comp_role WHEN 'placebo' THEN {{placebo}} WHEN 'active-comparator' THEN cd.drug_id END AS comp_id,
    CASE a.comp_role WHEN 'placebo' THEN 'matching placebo' WHEN 'active-comparator' THEN cd.name
      ELSE 'no treatment' END AS comp_name,
    a.comp_role AS comp_role, a.ph1 AS ph1, a.ph2 AS ph2, a.status AS status,
    au.surname AS surname, au.keyname AS keyname, au.first_author AS first_author, au.authors AS authors,
    CASE WHEN {_f(0, 52, 10)} < 358 THEN au.acr || '-' || {_text("r.i % 1000")} END AS acronym,
    b.country AS country, b.blinding AS blinding, b.phase AS phase, b.fu_weeks AS fu_weeks,
    b.fu_label AS fu_label, b.pop_a AS pop_a, b.pop_z AS pop_z, b.con_a AS con_a, b.con_z AS con_z,
    b.safety AS safety, b.caveats AS caveats, b.verification AS verification,
    CASE WHEN {_f(1, 42, 3)} < 5 THEN nn.n * (850 + {_f(1, 45, 7)}) / 1000 END AS n_analysed,
    2 + CASE WHEN {_f(4, 43, 10)} < 307 THEN 1 ELSE 0 END AS n_arms,
    2 + {_f(5, 0, 10)} % 3 AS n_results,
    b.regimen AS regimen, b.timepoint AS timepoint, b.analysis AS analysis,
    r.r3 AS r3, r.r4 AS r4, r.r5 AS r5, r.r6 AS r6, r.r7 AS r7
  FROM syn_rand r
  JOIN syn_kind_a a ON a.b = {_f(0, 0, 12)}
  JOIN syn_year y ON y.b = {_f(0, 12, 10)}
  JOIN syn_n nn ON nn.b = {_f(0, 22, 12)}
  JOIN syn_drug dr ON dr.b = {_f(0, 34, DRUG_BITS)}
  JOIN syn_drug cd ON cd.b = {_f(1, 0, DRUG_BITS)}
  JOIN syn_kind_b b ON b.b = {_f(1, 18, 12)}
  JOIN syn_author au ON au.b = {_f(1, 30, 12)}
) q
"""

PUBMED = "'https://pubmed.ncbi.nlm.nih.gov/' || {} || '/'"
INSERTS: dict[str, str] = {
    "studies": f"""
INSERT INTO studies (id, key, short_name, acronym, title, design, phase, blinding, countries, status, year,
  n_enrolled, n_randomised, n_analysed, follow_up, follow_up_weeks, population, conclusion, safety, caveats,
  source, verification)
SELECT s.i, s.keyname || '-' || {_text("s.year")} || '-' || {_text("s.i")}, s.short_name, s.acronym,
  {_cap("s.dname")} || ' versus ' || s.comp_name || ' in ' || s.ph1 || ': a ' || s.design_words || ' study',
  s.design, CASE WHEN s.trial = 1 THEN s.phase END,
  CASE WHEN s.trial = 1 THEN s.blinding ELSE 'not-applicable' END, s.country, s.status, s.year,
  s.n, CASE WHEN s.randomised = 1 THEN s.n END, s.n_analysed, s.fu_label, s.fu_weeks,
  s.pop_a || s.ph1 || s.pop_z, {_cap("s.dname")} || s.con_a || s.comp_name || s.con_z, s.safety, s.caveats,
  {PUBMED.format(_text("10000000 + 2 * s.i"))}, s.verification
FROM syn_study s""",
    "study_phenotypes": """
INSERT INTO study_phenotypes (study_id, phenotype)
SELECT i, ph1 FROM syn_study
UNION ALL SELECT i, ph2 FROM syn_study WHERE ph2 IS NOT NULL AND ph2 <> ph1""",
    "registrations": f"""
INSERT INTO registrations (id, study_id, scheme, identifier)
SELECT 2 * s.i, s.i, 'NCT', 'NCT' || {_text("(s.i * 7) % 90000000 + 10000000")}
FROM syn_study s WHERE ((s.r3 >> 0) & 1023) < CASE WHEN s.trial = 1 THEN 870 ELSE 154 END
UNION ALL
SELECT 2 * s.i + 1, s.i, 'EudraCT', {_text("s.year - 1")} || '-' || {_text("1000000 + s.i")} || '-' || {_text("10 + s.i % 90")}
FROM syn_study s
WHERE ((s.r3 >> 0) & 1023) < CASE WHEN s.trial = 1 THEN 870 ELSE 154 END AND ((s.r3 >> 10) & 1023) < 205""",
    "publications": f"""
INSERT INTO publications (id, key, authors, first_author, title, journal, year, volume, issue, pages, pmid, doi,
  pmcid, url, pub_type, source, verification)
SELECT 2 * s.i + k.k, 'syn-pub-' || {_text("2 * s.i + k.k")}, s.authors, s.first_author,
  {_cap("s.dname")} || ' in ' || s.ph1 || CASE WHEN k.k = 1 THEN ': long-term follow-up' ELSE '' END
    || ' (' || s.short_name || ')',
  j.journal,
  CASE WHEN s.year + k.k * (1 + ((s.r4 >> 40) & 3)) > 2026 THEN 2026 ELSE s.year + k.k * (1 + ((s.r4 >> 40) & 3)) END,
  {_text("1 + ((s.r3 >> 38) & 511) % 400")}, {_text("1 + ((s.r3 >> 47) & 15) % 12")},
  {_text("1 + ((s.r3 >> 51) & 1023)")} || '-' || {_text("5 + ((s.r3 >> 51) & 1023) + ((s.r3 >> 51) & 7)")},
  CASE WHEN ((s.r4 >> (20 * k.k)) & 127) < 118 THEN {_text("10000000 + 2 * s.i + k.k")} END,
  CASE WHEN ((s.r4 >> (20 * k.k + 7)) & 127) < 115 THEN '10.' || j.prefix || '/syn.' || {_text("2 * s.i + k.k")} END,
  CASE WHEN ((s.r4 >> (20 * k.k + 14)) & 63) < 19 THEN 'PMC' || {_text("5000000 + 2 * s.i + k.k")} END,
  {PUBMED.format(_text("10000000 + 2 * s.i + k.k"))}, s.pub_type,
  {PUBMED.format(_text("10000000 + 2 * s.i + k.k"))}, 'verified'
FROM syn_study s
JOIN syn_slot k ON k.k < 1 + CASE WHEN ((s.r3 >> 20) & 1023) < 307 THEN 1 ELSE 0 END
JOIN syn_journal j ON j.b = (s.r3 >> (30 + 4 * k.k)) & 15""",
    "study_publications": """
INSERT INTO study_publications (study_id, publication_id, role)
SELECT s.i, 2 * s.i + k.k,
  CASE WHEN k.k = 0 THEN 'primary' WHEN ((s.r4 >> 42) & 1) = 0 THEN 'follow-up' ELSE 'secondary' END
FROM syn_study s
JOIN syn_slot k ON k.k < 1 + CASE WHEN ((s.r3 >> 20) & 1023) < 307 THEN 1 ELSE 0 END""",
    "arms": """
INSERT INTO arms (id, study_id, key, label, intervention_id, role, regimen, n, source)
SELECT 4 * s.i + k.k, s.i,
  CASE k.k WHEN 0 THEN 'exp' WHEN 1 THEN 'ctl' ELSE 'exp-low' END,
  CASE k.k WHEN 0 THEN s.dname WHEN 1 THEN s.comp_name ELSE s.dname || ' low dose' END,
  CASE k.k WHEN 1 THEN s.comp_id ELSE s.drug_id END,
  CASE k.k WHEN 1 THEN s.comp_role ELSE 'experimental' END,
  CASE k.k WHEN 0 THEN s.dname || ' ' || s.regimen WHEN 2 THEN s.dname || ' low dose' END,
  CASE k.k WHEN 2 THEN s.n / 4 ELSE s.n / 2 END, NULL
FROM syn_study s JOIN syn_slot k ON k.k < s.n_arms""",
    "results": f"""
INSERT INTO results (id, study_id, outcome_id, arm_id, comparator_arm_id, result_type, is_primary, measure, value,
  ci_lower, ci_upper, ci_level, p_value, p_operator, timepoint, analysis, summary, note, source, verification)
SELECT 4 * s.i + k.k, s.i, o.outcome_id,
  CASE t.kind WHEN 'effect' THEN 4 * s.i WHEN 'arm' THEN 4 * s.i + ((s.r6 >> (52 + 2 * k.k)) & 3) % s.n_arms END,
  CASE t.kind WHEN 'effect' THEN 4 * s.i + 1 END,
  t.kind, (k.k = 0),
  CASE t.kind WHEN 'effect' THEN e.measure WHEN 'arm' THEN e.arm_measure END,
  CASE t.kind WHEN 'effect' THEN e.value WHEN 'arm' THEN e.arm_value END,
  CASE t.kind WHEN 'effect' THEN e.lower END, CASE t.kind WHEN 'effect' THEN e.upper END,
  CASE t.kind WHEN 'effect' THEN 95.0 END, CASE t.kind WHEN 'effect' THEN e.p END,
  CASE t.kind WHEN 'effect' THEN e.p_op END,
  s.timepoint, CASE t.kind WHEN 'effect' THEN s.analysis END,
  CASE t.kind WHEN 'narrative' THEN nr.txt END, NULL,
  {PUBMED.format(_text("10000000 + 2 * s.i"))},
  CASE t.kind WHEN 'narrative' THEN 'secondary' ELSE 'verified' END
FROM syn_study s
JOIN syn_slot k ON k.k < s.n_results
JOIN syn_kind t ON t.b = ((s.r5 >> (16 + 10 * k.k)) & 1023) + CASE WHEN k.k = 0 THEN 0 ELSE 1024 END
JOIN syn_outcome o ON o.b = (s.r6 >> (10 * k.k)) & 1023
JOIN syn_narrative nr ON nr.b = (s.r6 >> (40 + 3 * k.k)) & 7
JOIN syn_value e ON e.b = (s.r7 >> (12 * k.k)) & 4095""",
}
STUDY_TABLES = list(INSERTS)


def _chunks(n: int, size: int = CHUNK) -> Iterator[tuple[int, int]]:
    for first in range(1, n + 1, size):
        yield first, min(first + size - 1, n)


def insert_studies(writer: Any, seed: int, first: int, last: int) -> dict[str, int]:
    """Studies first..last (inclusive) and their rows, from a chunk-seeded RNG."""
    rng = random.Random(f"{seed}-studies-{first}")
    count = last - first + 1
    words = struct.iter_unpack("<8q", rng.randbytes(64 * count))
    writer.execute("DROP TABLE IF EXISTS syn_rand")
    writer.execute("DROP TABLE IF EXISTS syn_study")
    writer.execute(
        "CREATE TEMP TABLE syn_rand (i INTEGER PRIMARY KEY, r0 BIGINT, r1 BIGINT, r2 BIGINT, r3 BIGINT,"
        " r4 BIGINT, r5 BIGINT, r6 BIGINT, r7 BIGINT)"
    )
    writer.insert(
        "syn_rand",
        ["i", *(f"r{k}" for k in range(8))],
        ((first + j, *w) for j, w in enumerate(words)),
    )
    writer.execute(STUDY_SQL.format(placebo=writer.placebo_id))
    return {name: writer.execute(sql) for name, sql in INSERTS.items()}


def build(
    url: str,
    n_studies: int,
    *,
    seed: int = 42,
    with_seed: bool = True,
    n_interventions: int = N_INTERVENTIONS,
    replace: bool = False,
    checks: bool = False,
    verify: bool = False,
    defer_indexes: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Migrate `url`, load the seed and add n_studies synthetic studies."""
    say = progress or (lambda _msg: None)
    parsed = make_url(url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise SystemExit("synth needs a SQLite file")
        path = Path(parsed.database)
        if path.exists():
            if not replace:
                raise SystemExit(f"{path} exists; pass --replace to rebuild it")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    elif dialect != "postgresql":
        raise SystemExit("synth builds a SQLite file or a PostgreSQL database")

    started = time.perf_counter()
    engine = make_engine(url)
    if dialect == "postgresql" and replace:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    if with_seed:
        load_seed(engine)
    with engine.connect() as conn:
        if conn.execute(text("SELECT count(*) FROM studies WHERE id > 0")).scalar():
            raise SystemExit(
                "the database already has synthetic (positive-id) studies; use --replace"
            )
    say(
        f"schema{' and seed' if with_seed else ''} ready in {time.perf_counter() - started:.1f}s"
    )

    if dialect == "sqlite":
        engine.dispose()
        writer: Any = SqliteWriter(str(parsed.database), checks=checks)
        if defer_indexes:
            writer.drop_indexes(STUDY_TABLES)
    else:
        writer = PostgresWriter(engine)
    counts = build_vocabulary(writer, seed, n_interventions)
    counts.update(dict.fromkeys(STUDY_TABLES, 0))
    loading = time.perf_counter()
    for first, last in _chunks(n_studies):
        for name, rows in insert_studies(writer, seed, first, last).items():
            counts[name] += rows
        say(
            f"{last:>9,} studies  {last / (time.perf_counter() - loading):,.0f} studies/s"
        )
    for name in ("syn_rand", "syn_study"):
        writer.execute(f"DROP TABLE IF EXISTS {name}")
    say("re-creating indexes" if dialect == "sqlite" else "committing and analysing")
    writer.finish(verify=verify)
    # What `db reindex` does after a bulk load, minus full-text search: the stored
    # listing rows of the new studies, and planner statistics.
    say("study listings and statistics")
    with engine.begin() as conn:
        rebuild_listings(conn)
        analyze(conn)
    engine.dispose()
    return BuildReport(url, n_studies, time.perf_counter() - started, counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build a synthetic msevidence database."
    )
    parser.add_argument(
        "--studies", type=int, required=True, help="number of synthetic studies"
    )
    parser.add_argument(
        "--db", required=True, help="sqlite:////path.db or postgresql+psycopg://..."
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--interventions", type=int, default=N_INTERVENTIONS)
    parser.add_argument(
        "--no-seed", action="store_true", help="do not load the shipped seed first"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="delete an existing SQLite file / drop the PG schema",
    )
    parser.add_argument(
        "--checks",
        action="store_true",
        help="evaluate CHECK constraints while loading (slower)",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="PRAGMA quick_check the result (CHECK, NOT NULL, indexes)",
    )
    parser.add_argument(
        "--live-indexes",
        action="store_true",
        help="keep secondary indexes while loading",
    )
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    say = (
        (lambda _m: None)
        if args.quiet
        else (lambda m: print(m, file=sys.stderr, flush=True))
    )
    report = build(
        args.db, args.studies, seed=args.seed, with_seed=not args.no_seed,
        n_interventions=args.interventions, replace=args.replace, checks=args.checks, verify=args.verify,
        defer_indexes=not args.live_indexes, progress=say,
    )  # fmt: skip
    if args.json:
        print(json.dumps({"studies": report.studies, "seconds": round(report.seconds, 2),
                          "studies_per_second": round(report.studies_per_second) if report.studies else None,
                          "rows": report.rows}))  # fmt: skip
        return 0
    print(
        f"built {report.studies:,} studies ({sum(report.rows.values()):,} rows) in {report.seconds:.1f}s: "
        f"{report.studies_per_second:,.0f} studies/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
