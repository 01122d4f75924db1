"""The word lists and mixes synth.py draws from (weights are relative frequencies)."""

from __future__ import annotations

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
