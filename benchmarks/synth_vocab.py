"""The small tables synth.py writes first, and the lookup tables its study SQL joins.

Interventions (with aliases), outcomes, guideline bodies, guidelines and
recommendations are drawn in Python and written as model rows. Weighted choices for
the studies become lookup tables of 2**k equally likely buckets.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any

from msevidence.aliases import normalise
from msevidence.models import (
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
from synth_words import (
    ANALYSES,
    ARM_MEASURES,
    CAVEATS,
    CONCLUSION,
    COUNTRIES,
    DESIGN_WEIGHTS,
    DESIGN_WORDS,
    EFFECT_MEASURE_WEIGHTS,
    FOLLOW_UP,
    INITIALS,
    JOURNALS,
    NARRATIVE,
    OUTCOMES,
    PHENOTYPE_WEIGHTS,
    POPULATION,
    PROCEDURES,
    PUB_TYPE,
    RANDOMISED,
    REGIMENS,
    SAFETY,
    STATUS_WEIGHTS,
    STEMS,
    SURNAMES,
    SYLLABLES,
    TIMEPOINTS,
    TRIALS,
)
from synth_writers import insert_model

N_GUIDELINES = 300
ZIPF_S = 1.1  # exponent of the intervention usage law
DRUG_BITS = 18  # 262,144 buckets: even the rarest of 3,000 drugs gets a few


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


PLACEBO_ID = 1


def build_vocabulary(writer: Any, seed: int, n_interventions: int) -> dict[str, int]:
    """Interventions, aliases, outcomes, guidelines; and the lookup tables.

    Every draw comes from one random.Random in a fixed order, so the parts below run
    in that order.
    """
    rng = random.Random(f"{seed}-vocabulary")
    counts: dict[str, int] = {}
    names = _interventions(writer, rng, n_interventions, counts)
    # Zipf-like usage over a shuffled order, so popularity is unrelated to the id.
    drugs = [i for i in names if i != PLACEBO_ID]
    rng.shuffle(drugs)
    drug_weights = _zipf(len(drugs))
    outcomes = _outcomes(writer, counts)
    _guidelines(writer, rng, drugs, drug_weights, names, counts)
    # Lookup tables: weighted choices as equally likely buckets. Independent draws
    # that are used together share one table of 4,096 random combinations, so a
    # study needs seven lookups rather than twenty.
    _lookup(writer, "syn_drug", "drug_id INTEGER, name TEXT",
            [(d, names[d]) for d in _buckets(drugs, drug_weights, DRUG_BITS)])  # fmt: skip
    _study_kinds(writer, rng)
    _authors_and_journals(writer, rng)
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
    _values(writer, rng)
    writer.placebo_id = PLACEBO_ID
    return counts


def _interventions(
    writer: Any, rng: random.Random, n_interventions: int, counts: dict[str, int]
) -> dict[int, str]:
    """Invented INN-like drugs (and a few procedures) with 0-3 aliases each; returns
    their names by id, the placebo first."""
    taken_names = {
        normalise(r[0]) for r in writer.query("SELECT name FROM interventions")
    }
    taken_names |= {
        r[0] for r in writer.query("SELECT alias_norm FROM intervention_aliases")
    }
    taken_keys = {r[0] for r in writer.query("SELECT key FROM interventions")}
    # Interventions: invented INN-like names whose stem gives the class.
    placebo_id = PLACEBO_ID
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
    counts["interventions"] = insert_model(
        writer, Intervention.__table__, interventions
    )
    counts["intervention_aliases"] = insert_model(
        writer, InterventionAlias.__table__, aliases
    )

    return names


def _outcomes(writer: Any, counts: dict[str, int]) -> list[tuple[Any, ...]]:
    taken_codes = {r[0] for r in writer.query("SELECT code FROM outcomes")}
    # Outcomes: the common ones (unless the seed has them) and timepoint variants.
    outcomes = []
    for code, name, category in OUTCOMES:
        for suffix in ("", "-W48", "-W96"):
            if code + suffix not in taken_codes:
                label = name + (f" at week {suffix[2:]}" if suffix else "")
                outcomes.append(
                    (len(outcomes) + 1, code + suffix, label, category, None)
                )
    counts["outcomes"] = insert_model(writer, Outcome.__table__, outcomes)

    return outcomes


def _guidelines(
    writer: Any,
    rng: random.Random,
    drugs: list[int],
    drug_weights: list[float],
    names: dict[int, str],
    counts: dict[str, int],
) -> None:
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
    counts["bodies"] = insert_model(writer, Body.__table__, bodies)
    counts["guidelines"] = insert_model(writer, Guideline.__table__, guidelines)
    counts["guideline_bodies"] = insert_model(writer, GuidelineBody.__table__, g_bodies)
    counts["recommendations"] = insert_model(writer, Recommendation.__table__, recs)
    counts["recommendation_interventions"] = insert_model(
        writer, RecommendationIntervention.__table__, rec_int
    )
    counts["scope_exclusions"] = insert_model(writer, ScopeExclusion.__table__, excl)


def _study_kinds(writer: Any, rng: random.Random) -> None:
    """Years, sizes, and the two tables of study attributes drawn together."""
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


def _authors_and_journals(writer: Any, rng: random.Random) -> None:
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


def _values(writer: Any, rng: random.Random) -> None:
    """Effect estimates with CIs and p-values, and arm-level values."""
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
