"""Seeded synthetic ESCO downloads, for tests and benchmarks.

:func:`write_esco` writes ``occupations_<lang>.csv``, ``skills_<lang>.csv``,
``occupationSkillRelations_<lang>.csv`` and ``ISCOGroups_<lang>.csv`` with the columns of the
ESCO v1.2 CSV downloads, at any size (the default is ESCO's: 3,000 occupations, 13,900
skills, 129,000 relations, about half of them essential). The same seed gives the same bytes.

The data has the shape that makes the pairwise work realistic: occupations belong to ISCO unit
groups and draw most of their skills from their group's pool (so jobs of a group are close, and
some groups share skills with their neighbours), a few hundred transversal skills are used by
many occupations, and the rest is spread thinly. With ``quirks`` (the default), the files also
do what real downloads do (see ``/work/shared/reference/esco-format.md``): a UTF-8 byte-order
mark, quoted fields holding newlines, commas and quotes, empty optional columns, extra columns,
duplicate occupation-skill pairs, relations to URIs missing from the other files, and
alternative labels that are another occupation's preferred label (ESCO's "data scientist" is
the preferred label of one occupation and an alternative label of "bioinformatics scientist").
"""

from __future__ import annotations

import csv
import io
import random
import uuid
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

ESCO = "http://data.europa.eu/esco"

OCCUPATION_COLUMNS = (
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
)
SKILL_COLUMNS = (
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
)
RELATION_COLUMNS = ("occupationUri", "relationType", "skillType", "skillUri")
ISCO_COLUMNS = (
    "conceptType",
    "conceptUri",
    "code",
    "preferredLabel",
    "altLabels",
    "inScheme",
    "description",
)
# Columns newer releases add; a reader must ignore what it does not know.
EXTRA_OCCUPATION_COLUMNS = ("naceCode",)
EXTRA_RELATION_COLUMNS = ("occupationLabel", "skillLabel")

_VERBS = (
    "gérer",
    "analyser",
    "concevoir",
    "entretenir",
    "programmer",
    "évaluer",
    "contrôler",
    "installer",
    "réparer",
    "planifier",
    "documenter",
    "superviser",
    "coordonner",
    "tester",
    "former",
    "conseiller",
    "négocier",
    "vendre",
    "acheter",
    "préparer",
    "nettoyer",
    "mesurer",
    "surveiller",
    "sécuriser",
    "optimiser",
    "auditer",
    "rédiger",
    "traduire",
    "soigner",
    "accompagner",
    "organiser",
    "déployer",
    "modéliser",
    "calibrer",
    "inspecter",
    "diagnostiquer",
    "assembler",
    "piloter",
    "animer",
    "cartographier",
)
_OBJECTS = (
    "des données de santé",
    "un réseau informatique",
    "les stocks",
    "un budget",
    "des patients",
    "des équipements médicaux",
    "une base de données",
    "un chantier",
    "des contrats",
    "un entrepôt",
    "des systèmes embarqués",
    "une équipe",
    "des fournisseurs",
    "un site web",
    "des prélèvements",
    "des machines-outils",
    "un parc de véhicules",
    "des cultures",
    "un laboratoire",
    "des archives",
    "une chaîne de production",
    "des installations électriques",
    "des logiciels",
    "des capteurs",
    "un service client",
    "des dossiers juridiques",
    "des matériaux composites",
    "un plan de formation",
    "des campagnes",
    "une flotte de drones",
    "des réseaux d'eau",
    "des instruments de mesure",
    "un portefeuille",
    "des événements",
    "des collections",
    "des applications mobiles",
    "des infrastructures cloud",
    "des récoltes",
    "des textiles",
    "des aliments",
    "des médicaments",
    "des images médicales",
    "un atelier",
    "des procédures qualité",
    "des risques",
    "des déchets",
    "une boutique",
    "des itinéraires",
    "des animaux",
    "des serveurs",
)
_QUALIFIERS = (
    "",
    "en milieu hospitalier",
    "selon les normes",
    "à distance",
    "en équipe",
    "dans l'industrie",
    "en sécurité",
    "au quotidien",
)
_TRADES = (
    "technicien",
    "ingénieur",
    "responsable",
    "chargé",
    "conseiller",
    "gestionnaire",
    "opérateur",
    "analyste",
    "architecte",
    "assistant",
    "coordinateur",
    "spécialiste",
    "agent",
    "chef",
    "consultant",
    "développeur",
    "inspecteur",
    "formateur",
    "auditeur",
    "pilote",
    "expert",
    "administrateur",
    "concepteur",
    "designer",
    "acheteur",
    "animateur",
    "contrôleur",
    "infirmier",
    "préparateur",
    "superviseur",
)
_DOMAINS = (
    "santé numérique",
    "maintenance",
    "logistique",
    "réseaux",
    "qualité",
    "données",
    "production",
    "achats",
    "sécurité",
    "énergie",
    "bâtiment",
    "agriculture",
    "finance",
    "ventes",
    "laboratoire",
    "environnement",
    "transport",
    "textile",
    "alimentation",
    "pharmacie",
    "imagerie",
    "télécoms",
    "cybersécurité",
    "robotique",
    "aéronautique",
    "tourisme",
    "communication",
    "ressources humaines",
    "assurance",
    "biomédical",
)
_SPECIALTIES = (
    "",
    "junior",
    "senior",
    "de terrain",
    "en chef",
    "d'études",
    "de projet",
    "industriel",
)


@dataclass(frozen=True)
class SyntheticEsco:
    """What :func:`write_esco` wrote: the file paths and the counts of rows."""

    folder: Path
    occupations: int
    skills: int
    relations: int  # rows of the relations file, duplicates and dangling ones included
    essential: int
    duplicates: int  # rows repeating an occupation-skill pair
    dangling: int  # rows pointing at a URI missing from the occupations or skills file
    files: tuple[Path, ...]


def write_esco(
    folder: str | Path,
    *,
    occupations: int = 3000,
    skills: int = 13900,
    relations: int = 129000,
    seed: int = 0,
    lang: str = "fr",
    quirks: bool = True,
) -> SyntheticEsco:
    """Write synthetic ESCO CSV files into ``folder`` (created if needed); same seed, same bytes."""
    if occupations < 1 or skills < 1 or relations < 0:
        raise ValueError("occupations and skills must be at least 1, relations at least 0")
    rng = random.Random(seed)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)

    groups = _isco_groups(rng, max(1, occupations // 7))
    skill_rows = _skills(rng, skills)
    occ_rows = _occupations(rng, occupations, groups)
    if quirks:
        _borrow_labels(random.Random(seed + 1), occ_rows)
    rel_rows, stats = _relations(rng, occ_rows, skill_rows, groups, relations, quirks)

    enc = "utf-8-sig" if quirks else "utf-8"
    occ_cols = OCCUPATION_COLUMNS + (EXTRA_OCCUPATION_COLUMNS if quirks else ())
    rel_cols = (
        ("occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel")
        if quirks
        else RELATION_COLUMNS
    )
    files = (
        _write(out / f"ISCOGroups_{lang}.csv", ISCO_COLUMNS, [g.row for g in groups], enc),
        _write(out / f"occupations_{lang}.csv", occ_cols, [o.row for o in occ_rows], enc),
        _write(out / f"skills_{lang}.csv", SKILL_COLUMNS, [s.row for s in skill_rows], enc),
        _write(out / f"occupationSkillRelations_{lang}.csv", rel_cols, rel_rows, enc),
    )
    return SyntheticEsco(
        folder=out,
        occupations=len(occ_rows),
        skills=len(skill_rows),
        relations=len(rel_rows),
        files=files,
        **stats,
    )


# -- rows ------------------------------------------------------------------------------------


@dataclass
class _Group:
    code: str
    row: dict[str, str]
    members: list[int]
    pool: list[int]


@dataclass
class _Item:
    uri: str
    label: str
    row: dict[str, str]
    group: int = -1


def _uri(rng: random.Random, kind: str) -> str:
    return f"{ESCO}/{kind}/{uuid.UUID(int=rng.getrandbits(128), version=4)}"


def _date(rng: random.Random) -> str:
    return (
        f"{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
    )


def _labels(rng: random.Random, n: int, parts: tuple[tuple[str, ...], ...]) -> list[str]:
    """``n`` distinct labels made of one word from each part (more if the parts run out)."""
    sizes = [len(p) for p in parts]
    total = 1
    for s in sizes:
        total *= s
    picks = rng.sample(range(total), min(n, total))
    labels = []
    for k in picks:
        words = []
        for part, size in zip(parts, sizes):
            k, r = divmod(k, size)
            if part[r]:
                words.append(part[r])
        labels.append(" ".join(words))
    for extra in range(n - len(labels)):  # more than the combinations: number them
        labels.append(f"{labels[extra % len(labels)]} {extra // len(labels) + 2}")
    return labels


def _isco_groups(rng: random.Random, n: int) -> list[_Group]:
    codes = sorted(rng.sample(range(1000, 10000), min(n, 9000)))
    names = _labels(rng, len(codes), (_TRADES, _DOMAINS))
    groups = []
    for code, name in zip(codes, names):
        row = {
            "conceptType": "ISCOGroup",
            "conceptUri": f"{ESCO}/isco/C{code}",
            "code": str(code),
            "preferredLabel": f"Professions : {name}",
            "altLabels": "",
            "inScheme": f"{ESCO}/concept-scheme/isco",
            "description": "",
        }
        groups.append(_Group(str(code), row, [], []))
    return groups


def _skills(rng: random.Random, n: int) -> list[_Item]:
    labels = _labels(rng, n, (_VERBS, _OBJECTS, _QUALIFIERS))
    items = []
    for i, label in enumerate(labels):
        uri = _uri(rng, "skill")
        knowledge = rng.random() < 0.3
        reuse = (
            "transversal"
            if i < n * 0.02
            else "cross-sector"
            if i < n * 0.12
            else rng.choice(("sector-specific", "occupation-specific"))
        )
        alt = "\n".join(
            f"{label} ({w})"
            for w in rng.sample(("base", "avancé", "pratique", "courant"), rng.randint(0, 3))
        )
        row = {
            "conceptType": "KnowledgeSkillCompetence",
            "conceptUri": uri,
            "skillType": "knowledge" if knowledge else "skill/competence",
            "reuseLevel": reuse,
            "preferredLabel": label,
            "altLabels": alt,
            "hiddenLabels": "",
            "status": "released",
            "modifiedDate": _date(rng),
            "scopeNote": "",
            "definition": "",
            "inScheme": f"{ESCO}/concept-scheme/skills",
            "description": f"Savoir {label}, dans le respect des règles du métier.",
        }
        items.append(_Item(uri, label, row))
    return items


def _occupations(rng: random.Random, n: int, groups: list[_Group]) -> list[_Item]:
    labels = _labels(rng, n, (_TRADES, _DOMAINS, _SPECIALTIES))
    items = []
    for i, label in enumerate(labels):
        g = i % len(groups) if i < len(groups) else rng.randrange(len(groups))
        group = groups[g]
        group.members.append(i)
        uri = _uri(rng, "occupation")
        alts = [f"{label} ({w})" for w in ("H/F", "confirmé", "adjoint") if rng.random() < 0.4]
        row = {
            "conceptType": "Occupation",
            "conceptUri": uri,
            "iscoGroup": group.code,
            "preferredLabel": label,
            "altLabels": "\n".join(alts),
            "hiddenLabels": "",
            "status": "released",
            "modifiedDate": _date(rng),
            "regulatedProfessionNote": "",
            "scopeNote": "",
            "definition": "",
            "inScheme": f"{ESCO}/concept-scheme/occupations, {ESCO}/concept-scheme/member-occupations",
            "description": f"Le {label} exerce dans le domaine indiqué, en lien avec ses pairs.",
            "code": f"{group.code}.{len(group.members)}",
            "naceCode": "",
        }
        items.append(_Item(uri, label, row, g))
    return items


# With ``quirks``, this share of the occupations lists another one's preferred label among its
# alternative labels (drawn apart, so the rest of the files stay those of the same seed).
BORROWED_SHARE = 0.03


def _borrow_labels(rng: random.Random, occs: list[_Item]) -> None:
    """Give some occupations, as an alternative label, the preferred label of another."""
    if len(occs) < 2:
        return
    for i in rng.sample(range(len(occs)), max(1, round(len(occs) * BORROWED_SHARE))):
        other = occs[(i + rng.randrange(1, len(occs))) % len(occs)]
        row = occs[i].row
        row["altLabels"] = "\n".join(x for x in (row["altLabels"], other.label) if x)


# Relations to URIs the other files do not hold, written with ``quirks``.
_DANGLING = 24


def _relations(
    rng: random.Random,
    occs: list[_Item],
    skills: list[_Item],
    groups: list[_Group],
    total: int,
    quirks: bool,
) -> tuple[list[dict[str, str]], dict[str, int]]:
    """The rows of the relations file (with ``quirks``, duplicate and dangling ones too), and
    the counts of essential, duplicate and dangling rows."""
    n_skills = len(skills)
    n_transversal = max(1, min(n_skills, n_skills // 45))  # ~300 of 13,900
    _fill_pools(rng, groups, n_transversal, n_skills)
    # Transversal skills: a few very common ones, most moderately so.
    cumulative = list(accumulate(1.0 / (r + 3) for r in range(n_transversal)))

    specials = (max(1, total // 400) + _DANGLING) if quirks and total >= 200 else 0
    budget = max(0, total - specials)
    per_occ = _split(rng, budget, len(occs))
    rows: list[dict[str, str]] = []
    essential = 0
    for o, occ in enumerate(occs):
        chosen = _skills_of(
            rng, per_occ[o], groups[occ.group].pool, n_transversal, n_skills, cumulative
        )
        for s, ess in chosen.items():
            essential += ess
            rows.append(_relation(occ, skills[s], "essential" if ess else "optional"))
    stats = {"essential": essential, "duplicates": 0, "dangling": 0}
    if specials and rows:
        stats["essential"] += _add_duplicates(rng, rows, specials - _DANGLING)
        stats["duplicates"] = specials - _DANGLING
        _add_dangling(rng, rows, occs, _DANGLING)
        stats["dangling"] = _DANGLING
    return rows, stats


def _fill_pools(
    rng: random.Random, groups: list[_Group], n_transversal: int, n_skills: int
) -> None:
    """Every non-transversal skill goes to one group's own pool; a group also borrows from the
    groups next to it (close ISCO codes) and from two others, which links groups together the
    way related trades are."""
    rest = list(range(n_transversal, n_skills))
    rng.shuffle(rest)
    for k, s in enumerate(rest):
        groups[k % len(groups)].pool.append(s)
    own = [list(g.pool) for g in groups]
    for g, group in enumerate(groups):
        others = [g - 1, g + 1] + [rng.randrange(len(groups)) for _ in range(2)]
        for k, near in enumerate(others):
            if 0 <= near < len(groups) and near != g and own[near]:
                group.pool.extend(rng.sample(own[near], min(len(own[near]), 8 if k < 2 else 5)))


def _skills_of(
    rng: random.Random,
    want: int,
    pool: list[int],
    n_transversal: int,
    n_skills: int,
    cumulative: list[float],
) -> dict[int, bool]:
    """The skills of one occupation (skill index -> essential), about ``want`` of them: most
    from its group's ``pool``, the rest transversal (weighted by ``cumulative``) or any."""
    chosen: dict[int, bool] = {}
    n_group = min(len(pool), round(want * 0.62))
    for s in rng.sample(pool, n_group):
        chosen[s] = rng.random() < 0.62
    tries = 0
    while len(chosen) < want and tries < want * 20:
        tries += 1
        if rng.random() < 0.7:
            s = rng.choices(range(n_transversal), cum_weights=cumulative)[0]
            ess = rng.random() < 0.4
        else:
            s = rng.randrange(n_skills)
            ess = rng.random() < 0.35
        chosen.setdefault(s, ess)
    return chosen


def _add_duplicates(rng: random.Random, rows: list[dict[str, str]], n: int) -> int:
    """Insert ``n`` duplicate pairs into ``rows`` (the same row again, or the same pair with
    the other type), each at a random place; return how many of them are essential."""
    essential = 0
    for _ in range(n):
        row = dict(rows[rng.randrange(len(rows))])
        if rng.random() < 0.3:
            row["relationType"] = "optional" if row["relationType"] == "essential" else "essential"
        essential += row["relationType"] == "essential"
        rows.insert(rng.randrange(len(rows) + 1), row)
    return essential


def _add_dangling(
    rng: random.Random, rows: list[dict[str, str]], occs: list[_Item], n: int
) -> None:
    """Insert ``n`` relations to a skill missing from the skills file (one in six also from an
    occupation missing from the occupations file), each at a random place."""
    for k in range(n):
        occ = occs[rng.randrange(len(occs))]
        ghost = _Item(_uri(rng, "skill"), "compétence retirée", {"skillType": "knowledge"})
        row = _relation(occ, ghost, "optional")
        if k % 6 == 5:
            row["occupationUri"] = _uri(rng, "occupation")
            row["occupationLabel"] = "métier retiré"
        rows.insert(rng.randrange(len(rows) + 1), row)


def _relation(occ: _Item, skill: _Item, kind: str) -> dict[str, str]:
    return {
        "occupationUri": occ.uri,
        "occupationLabel": occ.label,
        "relationType": kind,
        "skillType": skill.row.get("skillType", ""),
        "skillUri": skill.uri,
        "skillLabel": skill.label,
    }


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` spread over ``parts`` counts around the mean (each between half and 1.5x)."""
    mean = total / parts if parts else 0
    counts = [max(0, round(mean * (0.5 + rng.random()))) for _ in range(parts)]
    diff = total - sum(counts)
    k = 0
    while diff and parts:
        i = k % parts
        if diff > 0:
            counts[i] += 1
            diff -= 1
        elif counts[i] > 0:
            counts[i] -= 1
            diff += 1
        k += 1
    return counts


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]], encoding: str) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf,
        fieldnames=columns,
        extrasaction="ignore",
        lineterminator="\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
