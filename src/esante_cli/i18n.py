"""User-facing words of the tables, in French (default) and English (``--lang en``).

The data itself is French; only the interface around it is translated.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["fr", "en"]

_WORDS: dict[str, tuple[str, str]] = {
    # columns and headings
    "id": ("id", "id"),
    "title": ("Métier", "Job"),
    "family": ("Famille", "Family"),
    "card_levels": ("Niv. fiche", "Card levels"),
    "estimated_levels": ("Niv. estimés", "Estimated"),
    "competence": ("Compétence", "Competence"),
    "label": ("Libellé", "Label"),
    "level": ("Niveau", "Level"),
    "expected": ("Niveau attendu", "Expected level"),
    "ladder": ("Les quatre niveaux (cumulés)", "The four (cumulative) levels"),
    "levels": ("Niveaux", "Levels"),
    "example": ("Exemple concret", "Concrete example"),
    "provenance": ("Provenance", "Provenance"),
    "reason": ("Raison", "Reason"),
    "jobs_with_level": ("Métiers qui l'attendent", "Jobs expecting it"),
    "other_titles_fr": ("Autres appellations (FR)", "Other titles (FR)"),
    "other_titles_en": ("Autres appellations (EN)", "Other titles (EN)"),
    "codes": ("Codes", "Codes"),
    "system": ("Référentiel", "System"),
    "code": ("Code", "Code"),
    "status": ("Statut", "Status"),
    "source": ("Source", "Source"),
    "purpose": ("Finalité", "Purpose"),
    "summary": ("Ce que l'on sait", "What is known"),
    "missions": ("Missions principales", "Main missions"),
    "context": ("Contexte de travail", "Work context"),
    "org_contexts": ("Contextes organisationnels", "Organisational contexts"),
    "conditions": ("Conditions de travail", "Working conditions"),
    "relations": ("Relations professionnelles", "Professional relations"),
    "internal": ("Relations internes", "Internal relations"),
    "external": ("Relations externes", "External relations"),
    "certifications": ("Certifications", "Certifications"),
    "none_listed": ("aucune certification listée", "no certification listed"),
    "sectors": ("Secteurs (filtres du graphique)", "Sectors (chart filters)"),
    "neighbours": ("Proximités et évolutions déclarées", "Declared proximities and evolutions"),
    "direction": ("Sens", "Direction"),
    "ring": ("Anneau", "Ring"),
    "sector": ("Secteur", "Sector"),
    "provenance_dir": ("Provenance possible (vers ce métier)", "Possible origin (into this job)"),
    "evolution_dir": ("Évolution envisageable (depuis ce métier)", "Possible move (out of this job)"),
    "unknown": ("inconnu", "unknown"),
    "none": ("aucune", "none"),
    "competences": ("Compétences et niveaux attendus", "Competences and expected levels"),
    "jobs": ("Métiers", "Jobs"),
    "notes": ("Notes éditoriales", "Editorial notes"),
    "mobility_note": ("Avertissement de la fiche", "The card's caveat"),
    "card_source": ("Fiche OPIIEC", "OPIIEC card"),
    "no_card": (
        "Pas de fiche complète dans les données : seul ce qui est connu est affiché.",
        "No full card in the data: only what is known is shown.",
    ),
    "problems": ("Problèmes", "Problems"),
    "valid": ("Jeu de données valide", "Valid dataset"),
    "invalid": ("problème(s) dans le jeu de données", "problem(s) in the dataset"),
    # marks and footnotes
    "mark_estimate": (
        "* estimation des auteurs du jeu de données, pas une donnée de la fiche OPIIEC "
        "(sa raison : colonne Raison, esante show MÉTIER ou --format json)",
        "* estimate by the dataset's authors, not a fact of the OPIIEC card "
        "(its reason: Reason column, esante show JOB or --format json)",
    ),
    "mark_inferred": (
        "† placement inféré de la mise en page du graphique de la fiche, pas énoncé par elle",
        "† placement inferred from the layout of the card's chart, not stated by it",
    ),
    "mark_null": (
        "— la fiche ne donne pas de niveau pour cette compétence",
        "— the card gives no level for this competence",
    ),
}


def t(key: str, lang: Lang = "fr") -> str:
    """The word for ``key`` in ``lang`` (French when the key has no translation)."""
    fr, en = _WORDS[key]
    return en if lang == "en" else fr
