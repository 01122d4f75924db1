"""Seed rows of the guidelines: bodies, guidelines, recommendations and scope exclusions."""

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
    vocab,
)


class GuidelineRows(BuilderState):
    """Mixed into build_seed.Builder."""

    def add_guidelines(self) -> None:
        allowed = {
            "key",
            "bodies",
            "title",
            "year",
            "doc_type",
            "publication",
            "citation",
            "url",
            "grading_system",
            "scope",
            "scope_exclusions",
            "source",
            "verification",
            "recommendations",
            "note",
            "_file",
        }
        body_names: dict[str, str] = {}
        for key, g in self.guidelines.items():
            where = f"guideline {key}"
            check_known(where, g, allowed)
            need(where, g, "title", "doc_type", "source", "bodies")
            check_enum(where, "doc_type", g.get("doc_type"), vocab.DOC_TYPES, True)
            check_enum(
                where,
                "verification",
                g.get("verification", "verified"),
                vocab.VERIFICATION,
            )
            pub = g.get("publication")
            if pub is not None and pub not in self.publications:
                raise CurationError(f"{where}: unknown publication {pub!r}")
            gid = self.ids.stable("guidelines", key)
            self.t.add(
                "guidelines",
                {
                    "id": gid,
                    "key": key,
                    "title": fold(g["title"]),
                    "year": g.get("year"),
                    "doc_type": g["doc_type"],
                    "publication_id": self.ids.stable("publications", pub)
                    if pub
                    else None,
                    "citation": fold(g.get("citation")),
                    "url": g.get("url"),
                    "grading_system": fold(g.get("grading_system")),
                    "scope": fold(g.get("scope")),
                    "source": fold(g["source"]),
                    "verification": g.get("verification", "verified"),
                },
            )
            for body in g["bodies"]:
                bkey, name = body["key"], fold(body["name"])
                if bkey not in self.bodies:
                    self.bodies[bkey] = self.ids.stable("bodies", bkey)
                    body_names[bkey] = name
                    self.t.add(
                        "bodies", {"id": self.bodies[bkey], "key": bkey, "name": name}
                    )
                elif body_names[bkey] != name:
                    raise CurationError(
                        f"{where}: body {bkey!r} has two names: {body_names[bkey]!r} and {name!r}"
                    )
                self.t.add(
                    "guideline_bodies",
                    {"guideline_id": gid, "body_id": self.bodies[bkey]},
                )
            for x in g.get("scope_exclusions") or []:
                need(where, x, "intervention", "reason", "source")
                self.t.add(
                    "scope_exclusions",
                    {
                        "id": self.ids.next("scope_exclusions"),
                        "guideline_id": gid,
                        "intervention_id": self.iid(x["intervention"], where),
                        "reason": fold(x["reason"]),
                        "source": fold(x["source"]),
                        "verification": x.get("verification", "verified"),
                    },
                )
            codes: set[str] = set()
            for rec in g.get("recommendations") or []:
                self.add_recommendation(where, gid, codes, rec)

    def add_recommendation(
        self, where: str, gid: int, codes: set[str], rec: dict[str, Any]
    ) -> None:
        check_known(
            where,
            rec,
            {
                "code",
                "interventions",
                "intervention_text",
                "population",
                "direction",
                "strength",
                "criteria",
                "paraphrase",
                "source",
                "verification",
                "note",
            },
        )
        need(where, rec, "code", "direction", "paraphrase", "source")
        code = str(rec["code"])
        if code in codes:
            raise CurationError(f"{where}: recommendation {code!r} twice")
        codes.add(code)
        check_enum(
            f"{where} {code}", "direction", rec["direction"], vocab.DIRECTIONS, True
        )
        check_enum(
            f"{where} {code}",
            "verification",
            rec.get("verification", "verified"),
            vocab.VERIFICATION,
        )
        rid = self.ids.next("recommendations")
        self.t.add(
            "recommendations",
            {
                "id": rid,
                "guideline_id": gid,
                "code": code,
                "intervention_text": fold(rec.get("intervention_text")),
                "population": fold(rec.get("population")),
                "direction": rec["direction"],
                "strength": fold(none_or_str(rec.get("strength"))),
                "criteria": fold(rec.get("criteria")),
                "paraphrase": fold(rec["paraphrase"]),
                "source": fold(rec["source"]),
                "verification": rec.get("verification", "verified"),
            },
        )
        for ikey in dict.fromkeys(rec.get("interventions") or []):
            self.t.add(
                "recommendation_interventions",
                {
                    "recommendation_id": rid,
                    "intervention_id": self.iid(ikey, f"{where} {code}"),
                },
            )
