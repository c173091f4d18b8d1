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
    "mobility_note": ("Avertissement de la fiche :", "The card's caveat:"),
    "card_source": ("Fiche OPIIEC", "OPIIEC card"),
    "no_section": ("Cette partie n'existe que pour un métier dont la fiche complète est dans les "
                   "données.", "This part exists only for a job whose full card is in the data."),
    "no_card": (
        "Pas de fiche complète dans les données : seul ce qui est connu est affiché.",
        "No full card in the data: only what is known is shown.",
    ),
    "problems": ("Problèmes", "Problems"),
    "valid": ("Jeu de données valide", "Valid dataset"),
    "invalid": ("problème(s) dans le jeu de données", "problem(s) in the dataset"),
    # mobility
    "gap": ("Écart", "Gap"),
    "current": ("Actuel", "Current"),
    "required": ("Requis", "Required"),
    "delta": ("Écart", "Delta"),
    "to_learn": ("Ce qu'il faut apprendre, dans l'ordre", "What to learn, in order"),
    "strengths": ("Points forts transférables (au-dessus du besoin)",
                  "Transferable strengths (above the need)"),
    "gap_total": (
        "Total : {total} niveau(x) à gravir sur {n} compétence(s) ; plus grand saut : {jump} ; "
        "compétences bloquantes (écart ≥ 2) : {blocking} ; coût du passage : {cost} ({band})",
        "Total: {total} level(s) to climb over {n} competence(s); largest jump: {jump}; "
        "blocking competences (gap ≥ 2): {blocking}; cost of the move: {cost} ({band})",
    ),
    "not_compared": ("Non comparées (pas de niveau pour le métier visé) : {ids}",
                     "Not compared (no level for the target job): {ids}"),
    "band": ("Proximité", "Band"),
    "band_proche": ("proche", "close"),
    "band_accessible": ("accessible", "reachable"),
    "band_lointaine": ("lointaine", "distant"),
    "kind": ("Lien", "Link"),
    "kind_declared": ("déclaré (fiche)", "declared (card)"),
    "kind_computed": ("calculé", "computed"),
    "kind_None": ("aucun lien direct", "no direct link"),
    "no_edge": ("aucun lien direct", "no direct link"),
    "cost": ("Coût", "Cost"),
    "reverse_cost": ("Coût retour", "Cost back"),
    "neighbours_of": ("Voisins de", "Neighbours of"),
    "side_in_title": ("Métiers qui mènent à", "Jobs leading to"),
    "side_out_title": ("Métiers accessibles depuis", "Jobs reachable from"),
    "no_neighbour": ("Aucun voisin avec ces critères.", "No neighbour with these criteria."),
    "cost_note": (
        "Coût : niveaux à gravir, plus grand saut et niveaux inutilisés, pondérés (voir "
        "docs/model.md) ; plus il est bas, plus le passage est court. Le coût retour est celui du "
        "chemin inverse.",
        "Cost: levels to climb, largest jump and unused levels, weighted (see docs/model.md); "
        "the lower, the shorter the move. Cost back is the reverse move's.",
    ),
    "route_title": ("Chemin {n} : {chain} — coût {cost}, {hops} étape(s), {levels} niveau(x) à "
                    "gravir, plus grand saut {jump}",
                    "Route {n}: {chain} — cost {cost}, {hops} step(s), {levels} level(s) to "
                    "climb, largest jump {jump}"),
    "move": ("Passage", "Move"),
    "rises": ("Compétences qui montent", "Competences that rise"),
    "nothing_to_climb": ("rien à gravir", "nothing to climb"),
    "same_job": ("Départ et arrivée sont le même métier : il n'y a rien à parcourir.",
                 "Start and goal are the same job: there is nothing to travel."),
    "objective_note": ("Objectif : {objective}", "Objective: {objective}"),
    "objective_levels": ("le coût le plus bas (surtout les niveaux à gravir)",
                         "lowest cost (mostly levels to climb)"),
    "objective_hops": ("le moins d'étapes", "fewest steps"),
    "objective_max-jump": ("le plus petit grand saut", "smallest largest jump"),
    "constraints": ("Contraintes", "Constraints"),
    "fewer_routes": ("{found} chemin(s) trouvé(s) sur les {k} demandés.",
                     "{found} route(s) found of the {k} asked for."),
    "explain": (
        "({climb} à gravir × {wc} + saut {jump} × {wj} + {unused} inutilisés × {wu} = {weighted})"
        " × {factor} + {hop} = {cost}",
        "({climb} to climb × {wc} + jump {jump} × {wj} + {unused} unused × {wu} = {weighted})"
        " × {factor} + {hop} = {cost}",
    ),
    "explain_legend": (
        "Détail : (niveaux à gravir × poids + plus grand saut × poids + niveaux inutilisés × "
        "poids) × facteur « déclaré par la fiche » + pénalité d'étape = coût (docs/model.md).",
        "Breakdown: (levels to climb × weight + largest jump × weight + unused levels × weight) "
        "× 'declared by the card' factor + step penalty = cost (docs/model.md).",
    ),
    "compare": ("Comparaison", "Comparison"),
    "levels_side_by_side": ("Niveaux côte à côte", "Levels side by side"),
    "differs": ("Diffère", "Differs"),
    "strengths_cmp": ("Points forts (niveau 3 ou plus)", "Strengths (level 3 or more)"),
    "shared": ("Communs à tous", "Shared by all"),
    "pair_costs": ("Coût de chaque passage", "Cost of each move"),
    "from": ("De", "From"),
    "to": ("Vers", "To"),
    "recommend": ("Métiers les plus proches depuis", "Nearest jobs from"),
    "part_climb": ("À gravir", "To climb"),
    "part_max_jump": ("Plus grand saut", "Largest jump"),
    "part_unused": ("Inutilisés", "Unused"),
    "part_blocking": ("Bloquantes", "Blocking"),
    "part_similarity": ("Similarité", "Similarity"),
    "part_factor": ("Facteur", "Factor"),
    "part_hop_penalty": ("Pénalité", "Step penalty"),
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
