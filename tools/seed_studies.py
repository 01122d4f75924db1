"""Seed rows of the studies: studies, their arms, phenotypes, registrations and results."""

from __future__ import annotations

from typing import Any

from seed_common import (
    BuilderState,
    CurationError,
    check_enum,
    check_known,
    fold,
    need,
    none_or_str,
    registry_id,
    vocab,
)


class StudyRows(BuilderState):
    """Mixed into build_seed.Builder."""

    def add_studies(self) -> None:
        allowed = {
            "key",
            "short_name",
            "acronym",
            "title",
            "design",
            "phase",
            "blinding",
            "countries",
            "phenotypes",
            "status",
            "year",
            "n_enrolled",
            "n_randomised",
            "n_analysed",
            "follow_up",
            "follow_up_weeks",
            "population",
            "conclusion",
            "safety",
            "caveats",
            "registry_ids",
            "publications",
            "source",
            "verification",
            "arms",
            "results",
            "note",
            "_file",
        }
        for key, s in self.studies.items():
            where = f"study {key}"
            check_known(where, s, allowed)
            need(where, s, "short_name", "design", "source")
            check_enum(where, "design", s.get("design"), vocab.DESIGNS, True)
            check_enum(where, "blinding", s.get("blinding"), vocab.BLINDING)
            check_enum(where, "status", s.get("status", "completed"), vocab.STATUSES)
            check_enum(
                where,
                "verification",
                s.get("verification", "verified"),
                vocab.VERIFICATION,
            )
            sid = self.ids.stable("studies", key)
            countries = s.get("countries") or []
            self.t.add(
                "studies",
                {
                    "id": sid,
                    "key": key,
                    "short_name": fold(s["short_name"]),
                    "acronym": fold(s.get("acronym")),
                    "title": fold(s.get("title")),
                    "design": s["design"],
                    "phase": none_or_str(s.get("phase")),
                    "blinding": s.get("blinding"),
                    "countries": "; ".join(countries) or None,
                    "status": s.get("status", "completed"),
                    "year": s.get("year"),
                    "n_enrolled": s.get("n_enrolled"),
                    "n_randomised": s.get("n_randomised"),
                    "n_analysed": s.get("n_analysed"),
                    "follow_up": fold(s.get("follow_up")),
                    "follow_up_weeks": s.get("follow_up_weeks"),
                    "population": fold(s.get("population")),
                    "conclusion": fold(s.get("conclusion")),
                    "safety": fold(s.get("safety")),
                    "caveats": fold(s.get("caveats")),
                    "source": fold(s["source"]),
                    "verification": s.get("verification", "verified"),
                },
            )
            for phenotype in s.get("phenotypes") or []:
                check_enum(where, "phenotype", phenotype, vocab.PHENOTYPES, True)
                self.t.add(
                    "study_phenotypes", {"study_id": sid, "phenotype": phenotype}
                )
            for raw in s.get("registry_ids") or []:
                scheme, ident = registry_id(str(raw))
                self.t.add(
                    "registrations",
                    {
                        "id": self.ids.next("registrations"),
                        "study_id": sid,
                        "scheme": scheme,
                        "identifier": ident,
                    },
                )
            for link in s.get("publications") or []:
                if link["key"] not in self.publications:
                    raise CurationError(f"{where}: unknown publication {link['key']!r}")
                check_enum(
                    where,
                    "publication role",
                    link.get("role", "primary"),
                    vocab.PUB_ROLES,
                )
                self.t.add(
                    "study_publications",
                    {
                        "study_id": sid,
                        "publication_id": self.ids.stable("publications", link["key"]),
                        "role": link.get("role", "primary"),
                    },
                )
            if not s.get("publications") and not s.get("registry_ids"):
                raise CurationError(f"{where}: needs a publication or a registry id")
            arms = self.add_arms(where, sid, s.get("arms") or [])
            for n, r in enumerate(s.get("results") or [], 1):
                self.add_result(f"{where} result {n}", sid, arms, r)

    def add_arms(
        self, where: str, sid: int, arms: list[dict[str, Any]]
    ) -> dict[str, int]:
        ids: dict[str, int] = {}
        for a in arms:
            check_known(
                where,
                a,
                {
                    "key",
                    "label",
                    "intervention",
                    "role",
                    "regimen",
                    "n",
                    "source",
                    "note",
                },
            )
            need(where, a, "key", "label", "role")
            check_enum(where, "arm role", a.get("role"), vocab.ARM_ROLES, True)
            if a["key"] in ids:
                raise CurationError(f"{where}: arm {a['key']!r} twice")
            ids[a["key"]] = self.ids.next("arms")
            iid = self.iid(a["intervention"], where) if a.get("intervention") else None
            self.t.add(
                "arms",
                {
                    "id": ids[a["key"]],
                    "study_id": sid,
                    "key": a["key"],
                    "label": fold(a["label"]),
                    "intervention_id": iid,
                    "role": a["role"],
                    "regimen": fold(a.get("regimen")),
                    "n": a.get("n"),
                    "source": fold(a.get("source")),
                },
            )
        return ids

    def add_result(
        self, where: str, sid: int, arms: dict[str, int], r: dict[str, Any]
    ) -> None:
        check_known(
            where,
            r,
            {
                "outcome",
                "primary",
                "type",
                "arm",
                "comparator",
                "measure",
                "value",
                "ci_lower",
                "ci_upper",
                "ci_level",
                "p_value",
                "p_operator",
                "timepoint",
                "analysis",
                "summary",
                "source",
                "verification",
                "note",
            },
        )
        need(where, r, "outcome", "type", "source")
        if r["outcome"] not in self.outcomes:
            raise CurationError(f"{where}: unknown outcome {r['outcome']!r}")
        kind = r["type"]
        check_enum(where, "type", kind, vocab.RESULT_TYPES, True)
        allowed = vocab.EFFECT_MEASURES if kind == "effect" else vocab.ARM_MEASURES
        check_enum(where, "measure", r.get("measure"), allowed, kind != "narrative")
        check_enum(where, "p_operator", r.get("p_operator"), vocab.P_OPERATORS)
        check_enum(
            where, "verification", r.get("verification", "verified"), vocab.VERIFICATION
        )
        if kind == "narrative":
            need(where, r, "summary")
        for name in ("arm", "comparator"):
            if r.get(name) is not None and r[name] not in arms:
                raise CurationError(f"{where}: unknown {name} {r[name]!r}")
        if kind == "effect" and not (r.get("arm") and r.get("comparator")):
            raise CurationError(f"{where}: an effect needs arm and comparator")
        if kind == "arm" and not r.get("arm"):
            raise CurationError(f"{where}: an arm value needs arm")
        lo, hi, value = r.get("ci_lower"), r.get("ci_upper"), r.get("value")
        if (lo is None) != (hi is None):
            raise CurationError(f"{where}: give both CI bounds or neither")
        if lo is not None and not lo <= value <= hi:
            raise CurationError(f"{where}: CI {lo}-{hi} does not contain {value}")
        p = r.get("p_value")
        if p is not None and not 0 <= p <= 1:
            raise CurationError(f"{where}: p {p} outside [0, 1]")
        ci_level = r.get("ci_level", 95 if lo is not None else None)
        self.t.add(
            "results",
            {
                "id": self.ids.next("results"),
                "study_id": sid,
                "outcome_id": self.ids.stable("outcomes", r["outcome"]),
                "arm_id": arms.get(r.get("arm") or ""),
                "comparator_arm_id": arms.get(r.get("comparator") or ""),
                "result_type": kind,
                "is_primary": bool(r.get("primary", False)),
                "measure": r.get("measure"),
                "value": value,
                "ci_lower": lo,
                "ci_upper": hi,
                "ci_level": ci_level,
                "p_value": p,
                "p_operator": r.get("p_operator", "=" if p is not None else None),
                "timepoint": fold(none_or_str(r.get("timepoint"))),
                "analysis": fold(r.get("analysis")),
                "summary": fold(r.get("summary")),
                "note": fold(r.get("note")),
                "source": fold(r["source"]),
                "verification": r.get("verification", "verified"),
            },
        )
