"""Build a realistic synthetic msevidence database for benchmarks and plan tests.

    python benchmarks/synth.py --studies 1000000 --db sqlite:////tmp/ms-1m.db [--seed 42]

The schema comes from the project's own migrations (msevidence.db.migrate.upgrade)
and, unless --no-seed, the shipped seed is loaded first (negative ids) with
msevidence.db.seed.load_seed, so real drug queries (`--drug naltrexone`) return the
same handful of rows at every size. Synthetic rows get positive ids and are
inserted in bulk: executemany on the raw sqlite3 connection (or COPY on
PostgreSQL), in chunks of CHUNK studies, with the column lists taken from the
models' tables.

Everything is drawn from random.Random seeded per chunk from --seed, and every id is
a pure function of the study number, so the same --seed gives the same database.
The shape is meant to look like the real thing: a few thousand interventions with
aliases whose use in arms follows a Zipf-like law, studies with designs, phenotypes,
years and sizes, 2-3 arms and 2-4 results each, publications with PMID/DOI,
registry ids, and a few hundred guidelines and recommendations.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sqlite3
import sys
import time
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
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
from msevidence.db.migrate import upgrade  # noqa: E402
from msevidence.db.seed import load_seed  # noqa: E402
from msevidence.models import (  # noqa: E402
    Arm,
    Body,
    Guideline,
    GuidelineBody,
    Intervention,
    InterventionAlias,
    Outcome,
    Publication,
    Recommendation,
    RecommendationIntervention,
    Registration,
    Result,
    ScopeExclusion,
    Study,
    StudyPhenotype,
    StudyPublication,
)

CHUNK = 10_000  # studies per batch
N_INTERVENTIONS = 3_000
N_GUIDELINES = 300
ZIPF_S = 1.1  # exponent of the intervention usage law

# Ids are functions of the study number i (1-based), so chunks are independent.
ARMS_PER_STUDY = 4  # id space per study (2-3 used)
RESULTS_PER_STUDY = 4
PUBS_PER_STUDY = 2
REGS_PER_STUDY = 2

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
PHENOTYPE_WEIGHTS = {"RRMS": 40, "RMS": 16, "SPMS": 10, "PPMS": 10, "CIS": 6, "mixed": 14, "NMOSD": 4}
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
INITIALS = ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "W"]
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
TIMEPOINTS = ["12 weeks", "24 weeks", "48 weeks", "96 weeks", "1 year", "2 years", "5 years", "end of study"]
FOLLOW_UP = [(12, "12 weeks"), (24, "24 weeks"), (48, "48 weeks"), (52, "1 year"), (96, "96 weeks"),
             (104, "2 years"), (156, "3 years"), (260, "5 years"), (520, "10 years")]  # fmt: skip
ANALYSES = [None, None, "intention-to-treat", "per-protocol", "modified intention-to-treat"]
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
PROSE = {
    "population": [
        "Adults aged 18 to 55 with {ph} and at least one relapse in the previous year; EDSS {e1} to {e2} at screening.",
        "People with {ph} seen at {c} centres between {y1} and {y2}; about {w}% women, mean age {a}.",
        "Treatment-naive and previously treated patients with {ph}; EDSS up to {e2}; stable disease for 30 days.",
        "Consecutive patients with {ph} starting therapy at tertiary MS clinics, identified from routine records.",
    ],
    "conclusion": [
        "{d} reduced the annualised relapse rate compared with {cmp}; disability outcomes did not differ significantly.",
        "No significant difference between {d} and {cmp} on the primary outcome; secondary MRI outcomes favoured {d}.",
        "{d} was associated with fewer new T2 lesions; the effect on disability progression was uncertain.",
        "Patients on {d} had better quality-of-life scores at {t}; the authors call for a larger randomised trial.",
    ],
    "safety": [
        None,
        "Infusion reactions and upper respiratory infections were the most common adverse events.",
        "Serious adverse events were similar between arms; no deaths attributed to treatment.",
        "Lymphopenia was more frequent with {d}; two serious infections were reported.",
    ],
    "caveats": [
        None,
        None,
        "Open-label design and a high drop-out rate ({w}%) limit the certainty of the findings.",
        "Small sample and short follow-up; the primary outcome was changed after registration.",
        "Retrospective data with possible confounding by indication.",
    ],
}
NARRATIVE = [
    "No statistically significant difference between arms.",
    "Improvement was sustained to the end of follow-up.",
    "Outcome reported only as a figure; values could not be extracted.",
    "Fewer participants worsened on the experimental treatment.",
]


@dataclass
class Vocabulary:
    """Things the study generator draws from (ids are positive, created by us)."""

    drug_ids: list[int]
    drug_names: dict[int, str]
    drug_cum: list[float]
    placebo_id: int
    outcome_ids: list[int]
    outcome_cum: list[float]
    extra: dict[str, Any] = field(default_factory=dict)


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
    """executemany on a raw sqlite3 connection, journal and fsync off while loading."""

    def __init__(self, path: str) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        # The migrated file is in WAL mode; the build needs no crash safety.
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            "locking_mode=EXCLUSIVE",
            "foreign_keys=OFF",
            "temp_store=MEMORY",
            "cache_size=-1048576",  # 1 GiB of page cache (KiB when negative)
        ):
            self.con.execute(f"PRAGMA {pragma}")
        self.con.execute("BEGIN")
        self._sql: dict[str, str] = {}
        self._dropped: list[str] = []

    def insert(self, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        sql = self._sql.get(table.name)
        if sql is None:
            cols = _columns(table)
            sql = f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self._sql[table.name] = sql
        self.con.executemany(sql, rows)

    def drop_indexes(self, tables: Iterable[str]) -> None:
        """Drop the migrations' secondary indexes; finish() re-creates them verbatim.

        Building an index once from sorted data is far cheaper than keeping it up to
        date through millions of random inserts. UNIQUE constraints (autoindexes)
        stay, so uniqueness is still enforced while loading.
        """
        names = list(tables)
        marks = ",".join("?" * len(names))
        for name, sql in self.con.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            names,
        ).fetchall():
            self._dropped.append(sql)
            self.con.execute(f'DROP INDEX "{name}"')

    def finish(self) -> None:
        for sql in self._dropped:
            self.con.execute(sql)
        self.con.execute("COMMIT")
        self.con.execute("PRAGMA locking_mode=NORMAL")
        self.con.execute("PRAGMA journal_mode=WAL")  # as msevidence itself leaves it
        self.con.close()


class PostgresWriter:
    """COPY ... FROM STDIN through psycopg, one transaction."""

    def __init__(self, engine: Any) -> None:
        self.raw = engine.raw_connection()
        self.con = self.raw.driver_connection
        self.cur = self.con.cursor()

    def insert(self, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self.cur.copy(f"COPY {table.name} ({', '.join(_columns(table))}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def drop_indexes(self, tables: Iterable[str]) -> None:
        return None

    def finish(self) -> None:
        self.con.commit()
        self.con.autocommit = True
        self.cur.execute("ANALYZE")
        self.raw.close()


# --------------------------------------------------------------------------- helpers


def _weighted(weights: dict[str, float]) -> tuple[list[str], list[float]]:
    keys = list(weights)
    return keys, list(itertools.accumulate(weights[k] for k in keys))


def _pick(rng: random.Random, keys: Sequence[Any], cum: Sequence[float]) -> Any:
    return keys[bisect(cum, rng.random() * cum[-1])]


def _zipf_cum(n: int, s: float = ZIPF_S) -> list[float]:
    return list(itertools.accumulate(1.0 / (r**s) for r in range(1, n + 1)))


def _invented_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _existing(conn: Any, sql: str) -> set[str]:
    return {r[0] for r in conn.execute(text(sql)) if r[0] is not None}


# --------------------------------------------------------------------------- vocabulary


def build_vocabulary(writer: Any, engine: Any, seed: int, n_interventions: int) -> tuple[Vocabulary, dict[str, int]]:
    rng = random.Random(f"{seed}-vocabulary")
    with engine.connect() as conn:
        taken_names = {normalise(n) for n in _existing(conn, "SELECT name FROM interventions")}
        taken_names |= _existing(conn, "SELECT alias_norm FROM intervention_aliases")
        taken_keys = _existing(conn, "SELECT key FROM interventions")
        taken_codes = _existing(conn, "SELECT code FROM outcomes")
    is_pg = writer.__class__ is PostgresWriter
    counts: dict[str, int] = {}

    # Interventions: invented INN-like names with a stem that gives the class.
    interventions: list[tuple[Any, ...]] = []
    aliases: list[tuple[Any, ...]] = []
    names: dict[int, str] = {}
    placebo_id = 1
    interventions.append(
        (placebo_id, "syn-placebo", "matching placebo", "placebo", None, None, None, "not-applicable",
         "Inactive comparator matched to the active treatment.", "synthetic", "derived")
    )  # fmt: skip
    names[placebo_id] = "matching placebo"
    taken_names.add("matching placebo")
    alias_id = 0
    iid = 1
    while len(interventions) < n_interventions:
        if rng.random() < 0.04:
            base = rng.choice(PROCEDURES)
            name = f"{base} {_invented_name(rng, 2)}"
            kind, cls, route, approval = "procedure", None, None, "not-applicable"
        else:
            stem, cls, route = rng.choice(STEMS)
            name = _invented_name(rng, rng.choice((2, 3, 3, 4))) + stem
            kind = "drug"
            approval = rng.choices(("approved", "off-label", "investigational", "not-approved"), (15, 20, 55, 10))[0]
        norm = normalise(name)
        if norm in taken_names:
            continue
        taken_names.add(norm)
        iid += 1
        key = "syn-" + norm.replace(" ", "-")
        if key in taken_keys:
            key = f"{key}-{iid}"
        atc = f"L04A{rng.choice('ABCGX')}{rng.randrange(1, 99):02d}" if kind == "drug" and rng.random() < 0.5 else None
        desc = f"Synthetic {kind} {name}" + (f", a {cls}." if cls else ".")
        interventions.append(
            (iid, key, name, kind, cls, atc, route, approval, desc,
             f"https://example.org/synthetic/interventions/{iid}", rng.choice(("verified", "secondary", "derived")))
        )  # fmt: skip
        names[iid] = name
        # 0-3 aliases: a brand, a development code, an abbreviation.
        for kind_ in rng.sample(("brand", "code", "abbreviation"), rng.choice((0, 1, 1, 2, 2, 3))):
            if kind_ == "brand":
                alias = _invented_name(rng, 3).capitalize() + rng.choice(("", "x", "a", "on", "is"))
            elif kind_ == "code":
                alias = f"{rng.choice(('BIIB', 'RO', 'GNbAC', 'MT', 'SAR', 'TG', 'ABX'))}{rng.randrange(100, 99999)}"
            else:
                alias = "".join(p[0] for p in name.split()) + str(rng.randrange(1, 9)) if " " in name else name[:4].upper()
            anorm = normalise(alias)
            if anorm in taken_names:
                continue
            taken_names.add(anorm)
            alias_id += 1
            aliases.append((alias_id, iid, alias, anorm, kind_, None if rng.random() < 0.5 else "https://example.org/synthetic/aliases"))
    writer.insert(Intervention.__table__, interventions)
    writer.insert(InterventionAlias.__table__, aliases)
    counts["interventions"] = len(interventions)
    counts["intervention_aliases"] = len(aliases)

    # Zipf-like usage over a shuffled order, so popularity is unrelated to id.
    drug_ids = [r[0] for r in interventions[1:]]
    rng.shuffle(drug_ids)

    # Outcomes: the common ones (when the seed lacks them) plus per-scale variants.
    outcomes: list[tuple[Any, ...]] = []
    oid = 0
    for code, name, category in OUTCOMES:
        for suffix in ("", "-W48", "-W96"):
            c = code + suffix
            if c in taken_codes:
                continue
            oid += 1
            outcomes.append((oid, c, name + (f" at week {suffix[2:]}" if suffix else ""), category, None))
    writer.insert(Outcome.__table__, outcomes)
    counts["outcomes"] = len(outcomes)
    outcome_ids = [o[0] for o in outcomes]

    # Guidelines, bodies and recommendations.
    bodies = [(b, f"syn-body-{b}", f"Synthetic {rng.choice(('Society', 'Academy', 'Institute', 'Council'))} {b}") for b in range(1, 31)]
    writer.insert(Body.__table__, bodies)
    guidelines, g_bodies, recs, rec_int, excl = [], [], [], [], []
    rid = xid = 0
    zcum = _zipf_cum(len(drug_ids))
    for g in range(1, N_GUIDELINES + 1):
        year = rng.randrange(2000, 2026)
        guidelines.append(
            (g, f"syn-guideline-{g}", f"Synthetic guideline {g} on the treatment of multiple sclerosis", year,
             rng.choice(("guideline", "consensus", "technology-appraisal", "position-statement", "web-page")),
             None, f"Synthetic body. Mult Scler. {year}", f"https://example.org/synthetic/guidelines/{g}",
             rng.choice((None, "GRADE", "SIGN", "Oxford CEBM")), "Adults with MS.",
             f"https://example.org/synthetic/guidelines/{g}", rng.choice(("verified", "secondary")))
        )  # fmt: skip
        for b in rng.sample(range(1, 31), rng.choice((1, 1, 2, 3))):
            g_bodies.append((g, b))
        for k in range(rng.randrange(1, 6)):
            rid += 1
            drug = drug_ids[bisect(zcum, rng.random() * zcum[-1])]
            recs.append(
                (rid, g, f"R{k + 1}", names[drug], rng.choice(("RRMS", "active relapsing MS", "PPMS", None)),
                 rng.choice(("recommend", "recommend-against", "consider", "research-only", "insufficient-evidence", "informational")),
                 rng.choice((None, "strong", "weak", "conditional")), None,
                 f"Synthetic recommendation {k + 1} about {names[drug]}.",
                 f"https://example.org/synthetic/guidelines/{g}", "verified")
            )  # fmt: skip
            rec_int.append((rid, drug))
        if rng.random() < 0.2:
            xid += 1
            excl.append((xid, g, rng.choice(drug_ids), "Outside the guideline's scope.", f"https://example.org/synthetic/guidelines/{g}", "verified"))
    writer.insert(Guideline.__table__, guidelines)
    writer.insert(GuidelineBody.__table__, g_bodies)
    writer.insert(Recommendation.__table__, recs)
    writer.insert(RecommendationIntervention.__table__, rec_int)
    writer.insert(ScopeExclusion.__table__, excl)
    counts.update(bodies=len(bodies), guidelines=len(guidelines), guideline_bodies=len(g_bodies),
                  recommendations=len(recs), recommendation_interventions=len(rec_int), scope_exclusions=len(excl))  # fmt: skip

    ocum = _zipf_cum(len(outcome_ids), 0.9)
    vocab = Vocabulary(drug_ids, names, zcum, placebo_id, outcome_ids, ocum)
    vocab.extra["bool"] = (True, False) if is_pg else (1, 0)
    return vocab, counts


# --------------------------------------------------------------------------- studies


def _prose(rng: random.Random, kind: str, **values: Any) -> str | None:
    template = rng.choice(PROSE[kind])
    return None if template is None else template.format(**values)


def generate_chunk(seed: int, first: int, last: int, vocab: Vocabulary) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for studies first..last (inclusive), from a chunk-seeded RNG."""
    rng = random.Random(f"{seed}-studies-{first}")
    rnd = rng.random
    choice = rng.choice
    randrange = rng.randrange
    designs, design_cum = _weighted(DESIGN_WEIGHTS)
    phens, phen_cum = _weighted(PHENOTYPE_WEIGHTS)
    statuses, status_cum = _weighted(STATUS_WEIGHTS)
    measures, measure_cum = _weighted(EFFECT_MEASURE_WEIGHTS)
    drug_ids, dcum, dtotal = vocab.drug_ids, vocab.drug_cum, vocab.drug_cum[-1]
    names = vocab.drug_names
    outcome_ids, ocum, ototal = vocab.outcome_ids, vocab.outcome_cum, vocab.outcome_cum[-1]
    true, false = vocab.extra["bool"]
    placebo = vocab.placebo_id

    studies, phenos, regs, pubs, spubs, arms, results = [], [], [], [], [], [], []
    for i in range(first, last + 1):
        design = designs[bisect(design_cum, rnd() * design_cum[-1])]
        randomised = design in RANDOMISED
        trial = design in TRIALS
        # Publication years skew recent: 1985-2025.
        year = 2025 - int(40 * rnd() ** 1.8)
        n = int(math.exp(3.2 + 2.6 * rnd() + 1.2 * rnd()))  # ~25 to ~4500, long tail
        n_rand = n if randomised else None
        n_anal = int(n * (0.85 + 0.15 * rnd())) if rnd() < 0.6 else None
        surname = choice(SURNAMES)
        drug = drug_ids[bisect(dcum, rnd() * dtotal)]
        dname = names[drug]
        # Comparator: placebo, another Zipf-drawn drug, or none.
        r = rnd()
        if r < 0.4:
            comp, comp_role = placebo, "placebo"
        elif r < 0.85:
            comp, comp_role = drug_ids[bisect(dcum, rnd() * dtotal)], "active-comparator"
        else:
            comp, comp_role = None, "no-intervention"
        cname = names[comp] if comp else "no treatment"
        if rnd() < 0.35:
            acronym = "".join(choice(SYLLABLES) for _ in range(2)).upper() + f"-{i % 1000}"
            short = acronym
        else:
            acronym = None
            short = f"{surname} {year}"
        fu_weeks, fu_text = choice(FOLLOW_UP)
        ph = phens[bisect(phen_cum, rnd() * phen_cum[-1])]
        fill = {"ph": ph, "e1": "0", "e2": choice(("3.5", "5.5", "6.5")), "c": randrange(1, 60), "y1": year - 6,
                "y2": year - 2, "w": randrange(55, 80), "a": randrange(30, 52), "d": dname, "cmp": cname,
                "t": fu_text}  # fmt: skip
        pmid = str(10_000_000 + i * PUBS_PER_STUDY)
        studies.append(
            (i, f"{surname.lower().replace(chr(39), '')}-{year}-{i}", short, acronym,
             f"{dname.capitalize()} versus {cname} in {ph}: a {design.replace('-', ' ')} study",
             design, choice(("1", "2", "3", "3", "4")) if trial else None,
             choice(("double-blind", "single-blind", "assessor-blind", "open-label")) if trial else "not-applicable",
             choice(COUNTRIES), statuses[bisect(status_cum, rnd() * status_cum[-1])], year,
             n, n_rand, n_anal, fu_text, float(fu_weeks),
             _prose(rng, "population", **fill), _prose(rng, "conclusion", **fill),
             _prose(rng, "safety", **fill), _prose(rng, "caveats", **fill),
             f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/", "verified" if rnd() < 0.8 else "secondary")
        )  # fmt: skip
        phenos.append((i, ph))
        if rnd() < 0.25:
            other = phens[bisect(phen_cum, rnd() * phen_cum[-1])]
            if other != ph:
                phenos.append((i, other))
        # Registry ids: most trials, few observational studies.
        if rnd() < (0.85 if trial else 0.15):
            regs.append((i * REGS_PER_STUDY, i, "NCT", f"NCT{i * 7 % 90_000_000 + 10_000_000:08d}"))
            if rnd() < 0.2:
                regs.append((i * REGS_PER_STUDY + 1, i, "EudraCT", f"{year - 1}-{i:07d}-{i % 97:02d}"))
        # Publications: a primary paper, sometimes a follow-up.
        for k in range(1 if rnd() < 0.7 else 2):
            pid = i * PUBS_PER_STUDY + k
            journal, prefix = choice(JOURNALS)
            authors = [f"{choice(SURNAMES)} {choice(INITIALS)}{choice(INITIALS)}" for _ in range(randrange(2, 7))]
            if k == 0:
                authors[0] = f"{surname} {choice(INITIALS)}"
            pyear = year + k * randrange(1, 4)
            pubs.append(
                (pid, f"syn-pub-{pid}", ", ".join(authors), authors[0],
                 f"{dname.capitalize()} in {ph}{': long-term follow-up' if k else ''} ({short})",
                 journal, min(pyear, 2026), str(randrange(1, 400)), str(randrange(1, 13)),
                 f"{(p := randrange(1, 3000))}-{p + randrange(4, 14)}",
                 str(10_000_000 + pid) if rnd() < 0.92 else None,
                 f"10.{prefix}/syn.{pid}" if rnd() < 0.9 else None,
                 f"PMC{5_000_000 + pid}" if rnd() < 0.3 else None,
                 f"https://pubmed.ncbi.nlm.nih.gov/{10_000_000 + pid}/",
                 "article" if design not in ("systematic-review", "meta-analysis", "narrative-review")
                 else ("meta-analysis" if design == "meta-analysis" else "review"),
                 f"https://pubmed.ncbi.nlm.nih.gov/{10_000_000 + pid}/", "verified")
            )  # fmt: skip
            spubs.append((i, pid, "primary" if k == 0 else choice(("follow-up", "secondary"))))
        # Arms: experimental, comparator, sometimes a second dose.
        base = i * ARMS_PER_STUDY
        per_arm = (n_rand or n) // 2
        arms.append((base, i, "exp", dname, drug, "experimental", f"{dname} {choice(('standard dose', 'high dose', 'weekly', 'monthly'))}", per_arm, None))
        arms.append((base + 1, i, "ctl", cname, comp, comp_role, None, per_arm, None))
        n_arms = 2
        if rnd() < 0.3:
            arms.append((base + 2, i, "exp-low", f"{dname} low dose", drug, "experimental", f"{dname} low dose", per_arm // 2, None))
            n_arms = 3
        # Results: a primary effect estimate, arm values, narrative findings.
        rbase = i * RESULTS_PER_STUDY
        tp = choice(TIMEPOINTS)
        src = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
        for k in range(randrange(2, 5)):
            outcome = outcome_ids[bisect(ocum, rnd() * ototal)]
            kind = rnd()
            if k == 0 and kind < 0.75:
                measure = measures[bisect(measure_cum, rnd() * measure_cum[-1])]
                value = round(math.exp(-0.9 * rnd() + 0.3 * rnd()), 2) if "ratio" in measure else round(rnd() * 4 - 2, 2)
                half = round(0.05 + 0.3 * rnd(), 2)
                p = round(rnd() ** 3, 4)
                results.append(
                    (rbase + k, i, outcome, base, base + 1, "effect", true, measure, value,
                     round(value - half, 2), round(value + half, 2), 95.0, p if p >= 0.001 else 0.001,
                     "<" if p < 0.001 else "=", tp, choice(ANALYSES), None, None, src, "verified")
                )  # fmt: skip
            elif kind < 0.8:
                results.append(
                    (rbase + k, i, outcome, None, None, "narrative", true if k == 0 else false, None, None, None, None,
                     None, None, None, tp, None, choice(NARRATIVE), None, src, "secondary")
                )  # fmt: skip
            else:
                results.append(
                    (rbase + k, i, outcome, base + randrange(n_arms), None, "arm", true if k == 0 else false,
                     choice(ARM_MEASURES), round(rnd() * 100, 1), None, None, None, None, None, tp, None, None,
                     None, src, "verified")
                )  # fmt: skip
    return {
        "studies": studies,
        "study_phenotypes": phenos,
        "registrations": regs,
        "publications": pubs,
        "study_publications": spubs,
        "arms": arms,
        "results": results,
    }


TABLES = {
    "studies": Study.__table__,
    "study_phenotypes": StudyPhenotype.__table__,
    "registrations": Registration.__table__,
    "publications": Publication.__table__,
    "study_publications": StudyPublication.__table__,
    "arms": Arm.__table__,
    "results": Result.__table__,
}


def _chunks(n: int) -> Iterator[tuple[int, int]]:
    for first in range(1, n + 1, CHUNK):
        yield first, min(first + CHUNK - 1, n)


def build(
    url: str,
    n_studies: int,
    *,
    seed: int = 42,
    with_seed: bool = True,
    n_interventions: int = N_INTERVENTIONS,
    replace: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Create (or extend an empty, migrated) database with n_studies synthetic studies."""
    say = progress or (lambda _msg: None)
    parsed = make_url(url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite" and parsed.database not in (None, "", ":memory:"):
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
            raise SystemExit("the database already has positive-id (non-seed) studies; use --replace")
    say(f"schema and seed ready in {time.perf_counter() - started:.1f}s")

    if dialect == "sqlite":
        engine.dispose()
        writer: Any = SqliteWriter(parsed.database or ":memory:")
        writer.drop_indexes(TABLES)
    else:
        writer = PostgresWriter(engine)
    vocab, counts = build_vocabulary(writer, engine if dialect == "postgresql" else _ReadOnly(writer), seed, n_interventions)
    for name in TABLES:
        counts.setdefault(name, 0)
    loaded = time.perf_counter()
    for first, last in _chunks(n_studies):
        rows = generate_chunk(seed, first, last, vocab)
        for name, table in TABLES.items():
            writer.insert(table, rows[name])
            counts[name] += len(rows[name])
        if last % 100_000 == 0 or last == n_studies:
            rate = last / (time.perf_counter() - loaded)
            say(f"{last:>9,} studies  {rate:,.0f} studies/s")
    say("re-creating indexes" if dialect == "sqlite" else "analysing")
    writer.finish()
    engine.dispose()
    return BuildReport(url, n_studies, time.perf_counter() - started, counts)


class _ReadOnly:
    """Lets build_vocabulary read through the writer's sqlite3 connection."""

    def __init__(self, writer: SqliteWriter) -> None:
        self.writer = writer

    def connect(self) -> Any:
        return _Conn(self.writer.con)


class _Conn:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> _Conn:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute(self, clause: Any) -> Any:
        return self.con.execute(str(clause))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, required=True, help="number of synthetic studies")
    parser.add_argument("--db", required=True, help="SQLAlchemy URL (sqlite:////path.db or postgresql+psycopg://...)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--interventions", type=int, default=N_INTERVENTIONS)
    parser.add_argument("--no-seed", action="store_true", help="do not load the shipped seed first")
    parser.add_argument("--replace", action="store_true", help="delete an existing SQLite file / drop the PG schema first")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    say = (lambda _m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    report = build(
        args.db, args.studies, seed=args.seed, with_seed=not args.no_seed,
        n_interventions=args.interventions, replace=args.replace, progress=say,
    )  # fmt: skip
    rows = sum(report.rows.values())
    print(
        f"built {report.studies:,} studies ({rows:,} rows) in {report.seconds:.1f}s: "
        f"{report.studies_per_second:,.0f} studies/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
