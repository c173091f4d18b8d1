"""User-facing words of the tables, in French (default) and English (``--lang en``).

The data itself is French; only the interface around it is translated.
"""

from __future__ import annotations

from .choices import Lang

__all__ = ["Lang", "t"]

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
    "evolution_dir": (
        "Évolution envisageable (depuis ce métier)",
        "Possible move (out of this job)",
    ),
    "unknown": ("inconnu", "unknown"),
    "none": ("aucune", "none"),
    "competences": ("Compétences et niveaux attendus", "Competences and expected levels"),
    "jobs": ("Métiers", "Jobs"),
    "notes": ("Notes éditoriales", "Editorial notes"),
    "mobility_note": ("Avertissement de la fiche :", "The card's caveat:"),
    "card_source": ("Fiche OPIIEC", "OPIIEC card"),
    "no_section": (
        "Cette partie n'existe que pour un métier dont la fiche complète est dans les données.",
        "This part exists only for a job whose full card is in the data.",
    ),
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
    "strengths": (
        "Points forts transférables (au-dessus du besoin)",
        "Transferable strengths (above the need)",
    ),
    "gap_total": (
        "Total : {total} niveau(x) à gravir sur {n} compétence(s) ; plus grand saut : {jump} ; "
        "compétences bloquantes (écart ≥ 2) : {blocking} ; acquis : {held} ({band}, {move}) ; "
        "coût du passage : {cost}",
        "Total: {total} level(s) to climb over {n} competence(s); largest jump: {jump}; "
        "blocking competences (gap ≥ 2): {blocking}; held: {held} ({band}, {move}); cost of "
        "the move: {cost}",
    ),
    "not_compared": (
        "Non comparées (pas de niveau pour le métier visé) : {ids}",
        "Not compared (no level for the target job): {ids}",
    ),
    "band": ("Proximité", "Band"),
    "band_proche": ("proche", "close"),
    "band_accessible": ("accessible", "reachable"),
    "band_lointaine": ("lointaine", "distant"),
    "kind": ("Lien", "Link"),
    "kind_declared": ("déclaré (fiche)", "declared (card)"),
    "kind_computed": ("calculé", "computed"),
    "kind_None": ("aucun lien direct", "no direct link"),
    "kind_direct": ("direct (hors seuils)", "direct (beyond thresholds)"),
    "move_col": ("Sens", "Direction"),
    "whatif_target": ("visé", "target"),
    "became_downgrades": (
        "Devenus des replis après ces montées (la personne en détient alors nettement plus que "
        "le métier n'en demande ; ils sont classés après les autres) : {ids}",
        "Downgrades after these raises (the person then holds clearly more than the job asks; "
        "they are ranked after the others): {ids}",
    ),
    "closeness_gain": ("Acquis gagnés (points)", "Held gained (points)"),
    "move_progression": ("progression", "progression"),
    "move_lateral": ("mobilité latérale", "lateral move"),
    "move_downgrade": ("repli", "downgrade"),
    "stability": ("Stabilité", "Stability"),
    "fragile_mark": (
        "‡ fragile : garde son rang dans moins de {share} % des {draws} tirages où nos "
        "estimations bougent d'un niveau (graine {seed})",
        "‡ fragile: keeps its rank in fewer than {share}% of the {draws} draws in which our "
        "estimates move by one level (seed {seed})",
    ),
    "stability_note": (
        "Stabilité : part des {draws} tirages (graine {seed}) où nos estimations bougent d'un "
        "niveau et où la réponse garde son rang ou mieux ; entre crochets, l'effort dans 90 % "
        "des tirages.",
        "Stability: share of the {draws} draws (seed {seed}) in which our estimates move by one "
        "level and the answer keeps its rank or better; in brackets, the effort in 90% of the "
        "draws.",
    ),
    "left_out": (
        "{n} autre(s) métier(s), classé(s) plus loin, non affiché(s) (--top N pour en voir plus).",
        "{n} more job(s), ranked further down, not shown (--top N to see more).",
    ),
    "lev_targets_left_out": (
        "Les {n} autres métiers visés, plus coûteux, ne sont pas affichés (--targets pour en "
        "nommer ; tous en JSON ou CSV).",
        "The {n} other target jobs, costlier, are not shown (--targets to name some; all of "
        "them in JSON or CSV).",
    ),
    "lev_raises_left_out": (
        "{n} autre(s) compétence(s), d'effet moindre, non affichée(s) (--top N pour en voir plus).",
        "{n} more competence(s), of lesser effect, not shown (--top N to see more).",
    ),
    "and_more": ("… et {n} autre(s)", "… and {n} more"),
    "hidden_downgrades": (
        "{n} repli(s) non affiché(s) : des métiers qui demandent nettement moins que le départ "
        "n'en détient (--include-downgrades pour les voir, après les autres).",
        "{n} downgrade(s) not shown: jobs that ask clearly less than the start holds "
        "(--include-downgrades to see them, after the others).",
    ),
    "closeness_note": (
        "Acquis : part des exigences du métier visé déjà détenue (proximité : proche, accessible "
        "ou lointaine, bandes calibrées sur les mobilités de la fiche). Sens : progression, "
        "mobilité latérale ou repli (le métier visé demande nettement moins que le départ n'en "
        "détient). Coût : l'effort, niveaux à gravir, plus grand saut et niveaux inutilisés, "
        "pondérés. Tout se mesure sur les 11 compétences de la fiche Spécialiste e-santé : les "
        "savoir-faire propres à chaque métier (programmation, statistique, cryptographie...) n'y "
        "sont pas.",
        "Held: share of the target job's requirement already held (band: close, reachable or "
        "distant, calibrated on the card's moves). Direction: progression, lateral move or "
        "downgrade (the target asks clearly less than the start holds). Cost: the effort, levels "
        "to climb, largest jump and unused levels, weighted. Everything is measured on the 11 "
        "competences of the Spécialiste e-santé card: each job's own know-how (programming, "
        "statistics, cryptography...) is not among them.",
    ),
    "kept": ("Acquis gardés", "Kept"),
    # the model: calibration and validation (issue 9)
    "ref_kind": ("Référence", "Reference"),
    "written": ("esante : {what} écrit dans {path}", "esante: {what} written to {path}"),
    "calibrated_model": ("modèle calibré", "calibrated model"),
    "calibrated_header": (
        "# Modèle calibré par « esante model calibrate » sur {refs}.",
        "# Model calibrated by 'esante model calibrate' on {refs}.",
    ),
    "ref_provenance": ("provenance", "origin"),
    "ref_evolution": ("évolution", "move"),
    "ref_same-group": ("même groupe ISCO", "same ISCO group"),
    "calibration_title": (
        "Calibration des bandes sur les mobilités de référence",
        "Bands calibrated on the reference moves",
    ),
    "calibration_note": (
        "Références : {refs}. Acquis moyen {mean}, écart-type {sd} : « proche » à partir de la "
        "moyenne ({proche}), « accessible » à partir de la moyenne moins un écart-type "
        "({accessible}, la règle de Nesta), « lointaine » en dessous. {closer} des {count} "
        "références tombent dans les deux bandes les plus proches.",
        "References: {refs}. Mean held share {mean}, standard deviation {sd}: 'close' from the "
        "mean ({proche}), 'reachable' from the mean minus one standard deviation "
        "({accessible}, Nesta's rule), 'distant' below. {closer} of the {count} references fall "
        "in the two closer bands.",
    ),
    "check_title": (
        "Validation : où tombent les mobilités de référence",
        "Validation: where the reference moves land",
    ),
    "check_rank": ("Rang du métier visé", "Rank of the target"),
    "band_left_out": ("Bande si on la retire", "Band when left out"),
    "check_kind": (
        "{kind} : {closer} sur {count} dans les deux bandes les plus proches.",
        "{kind}: {closer} of {count} in the two closer bands.",
    ),
    "check_left_out": (
        "Retirée de la calibration (bandes recalculées sans elle), chaque référence reste dans "
        "les deux bandes les plus proches pour {closer} sur {count}.",
        "Left out of the calibration (bands computed without it), {closer} of {count} "
        "references stay in the two closer bands.",
    ),
    "check_rank_note": (
        "Rang : celui du métier visé dans les recommandations du métier de départ (tous les "
        "métiers, replis en dernier) ; stabilité : part des tirages où il garde ce rang ou mieux.",
        "Rank: of the target among the source's recommendations (every job, downgrades last); "
        "stability: share of the draws in which it keeps that rank or better.",
    ),
    "check_stability_title": (
        "Ce que nos estimations font aux réponses",
        "What our estimates do to the answers",
    ),
    "figure": ("Mesure", "Figure"),
    "value": ("Valeur", "Value"),
    "seed": ("graine", "seed"),
    "check_estimated": (
        "Niveaux estimés (que les tirages bougent)",
        "Estimated levels (the draws move them)",
    ),
    "check_draws": (
        "Tirages (chaque estimation bouge d'un niveau avec une probabilité de {share})",
        "Draws (each estimate moves one level with probability {share})",
    ),
    "check_top3": (
        "Top 3 de recommend inchangé (moyenne sur les métiers et les tirages)",
        "recommend top 3 unchanged (mean over jobs and draws)",
    ),
    "check_single": (
        "Une seule estimation bougée d'un niveau ({n} cas) : part qui change le "
        "top 3 d'au moins un métier",
        "A single estimate moved by one level ({n} cases): share that changes some job's top 3",
    ),
    "kept_line": (
        "{label} : {level} (le métier en demande {required})",
        "{label}: {level} (the job asks {required})",
    ),
    "not_exact": (
        "Recherche arrêtée à sa limite de travail : ces chemins sont les meilleurs trouvés, sans "
        "preuve qu'ils soient les {k} meilleurs.",
        "Search stopped at its work limit: these routes are the best found, not proven to be "
        "the {k} best.",
    ),
    "route_stability": (
        "stabilité {stability} [{low}–{high}]",
        "stability {stability} [{low}–{high}]",
    ),
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
    "route_title": (
        "Chemin {n} : {chain} — coût {cost}, {hops} étape(s), {levels} niveau(x) à "
        "gravir, plus grand saut {jump}",
        "Route {n}: {chain} — cost {cost}, {hops} step(s), {levels} level(s) to "
        "climb, largest jump {jump}",
    ),
    "move": ("Passage", "Move"),
    "rises": ("Compétences qui montent", "Competences that rise"),
    "nothing_to_climb": ("rien à gravir", "nothing to climb"),
    "same_job": (
        "Départ et arrivée sont le même métier : il n'y a rien à parcourir.",
        "Start and goal are the same job: there is nothing to travel.",
    ),
    "objective_note": (
        "Objectif : {objective}. Chaque étape part de ce que l'itinéraire a "
        "déjà acquis ; les métiers sur le chemin sont jugés sur les compétences "
        "de la fiche seulement, pas sur leurs savoir-faire propres.",
        "Objective: {objective}. Each step starts from what the route has "
        "already gathered; the jobs on the way are judged on the card's "
        "competences only, not on their own know-how.",
    ),
    "objective_levels": (
        "le coût le plus bas (surtout les niveaux à gravir)",
        "lowest cost (mostly levels to climb)",
    ),
    "objective_hops": ("le moins d'étapes", "fewest steps"),
    "objective_max-jump": ("le plus petit grand saut", "smallest largest jump"),
    "constraints": ("Contraintes", "Constraints"),
    "fewer_routes": (
        "{found} chemin(s) trouvé(s) sur les {k} demandés.",
        "{found} route(s) found of the {k} asked for.",
    ),
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
    "part_unused_share": ("Part inutilisée", "Unused share"),
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
    # people: profiles, self-assessment, match, what-if, leverage (issue 4)
    "pf_header": (
        "Profil esante : auto-évaluation sur les macro-compétences de la fiche OPIIEC.",
        "esante profile: self-assessment on the OPIIEC card's macro-competences.",
    ),
    "pf_scale": (
        "Niveaux : 0 = non acquis ; 1 à 4 = les niveaux (cumulés) de la fiche "
        "(esante competence ID).",
        "Levels: 0 = not acquired; 1 to 4 = the card's (cumulative) levels (esante competence ID).",
    ),
    "pf_private": (
        "Données personnelles : ce fichier reste sur votre machine ; esante ne "
        "l'envoie ni ne le copie nulle part.",
        "Personal data: this file stays on your machine; esante neither sends nor "
        "copies it anywhere.",
    ),
    "pf_template_1": (
        "Modèle de profil esante : remplacez chaque null par votre niveau.",
        "esante profile template: replace each null with your level.",
    ),
    "pf_template_2": (
        "Une compétence laissée à null n'est pas évaluée : elle compte 0 (avec un avertissement).",
        "A competence left null is not assessed: it counts as 0 (with a warning).",
    ),
    "pf_template_3": (
        'Compétences par id ou par libellé ; une note : cycle-de-vie: {level: 2, note: "..."}',
        'Competences by id or label; a note: cycle-de-vie: {level: 2, note: "..."}',
    ),
    "pf_template_4": (
        "Évitez les réponses toutes égales : un profil plat se compare mal aux métiers.",
        "Avoid answering the same everywhere: a flat profile matches jobs badly.",
    ),
    "pf_template_5": (
        "Ensuite : esante match FICHIER ; ou remplissez-le pas à pas : esante "
        "assess --output FICHIER",
        "Then: esante match FILE; or fill it in step by step: esante assess --output FILE",
    ),
    "pf_name": (
        "facultatif : votre nom (--anonymous le retire des sorties)",
        "optional: your name (--anonymous leaves it out of the outputs)",
    ),
    "pf_current_job": (
        "facultatif : votre métier actuel (id ou titre, voir esante list ; "
        "un autre métier est gardé tel quel)",
        "optional: your current job (id or title, see esante list; any other "
        "job is kept as written)",
    ),
    "pf_current_job_text": (
        "hors du jeu de données : gardé tel quel",
        "not in the dataset: kept as written",
    ),
    "pf_notes": (
        "facultatif : vos remarques (jamais affichées par esante)",
        "optional: your remarks (never shown by esante)",
    ),
    "pf_no_levels": (
        "pas de niveaux dans la fiche : une note seulement",
        "no levels on the card: a note only",
    ),
    "pf_unassessed": ("non évaluée", "not assessed"),
    "pf_level0": ("Non acquis", "Not acquired"),
    "as_intro": (
        "Auto-évaluation : {n} compétence(s). Pour chacune, tapez un niveau de 0 à 4 "
        "(? aide, s passer, b revenir, q arrêter et enregistrer).",
        "Self-assessment: {n} competence(s). For each, type a level from 0 to 4 "
        "(? help, s skip, b back, q stop and save).",
    ),
    "as_resume": (
        "Reprise de {file} : {done} compétence(s) déjà évaluée(s), {n} à évaluer.",
        "Resuming {file}: {done} competence(s) already assessed, {n} to go.",
    ),
    "as_redo": (
        "{file} est complet : --force fait tout reprendre (Entrée garde le niveau actuel).",
        "{file} is complete: --force asks everything again (Enter keeps the current level).",
    ),
    "as_nothing": (
        "{file} est déjà complet : rien à demander.",
        "{file} is already complete: nothing to ask.",
    ),
    "as_question": ("[{i}/{n}] {label} ({id})", "[{i}/{n}] {label} ({id})"),
    "as_prompt": (
        "Niveau 0-4 (? aide, s passer, b revenir, q arrêter)",
        "Level 0-4 (? help, s skip, b back, q stop)",
    ),
    "as_current": ("actuel : {level}", "current: {level}"),
    "as_help": (
        "Les niveaux sont cumulés : le niveau 3 suppose de savoir faire ce que disent les "
        "niveaux 1 et 2. Choisissez le plus haut niveau que vous pratiquez vraiment.\n"
        "  0-4      votre niveau (0 : non acquis)\n"
        "  s, Entrée passer (la compétence reste non évaluée, ou garde son niveau)\n"
        "  b        revenir à la question précédente\n"
        "  q        arrêter ; ce qui est répondu est enregistré\n"
        "  ?, h     cette aide",
        "Levels are cumulative: level 3 means doing what levels 1 and 2 say as well. Pick the "
        "highest level you really practise.\n"
        "  0-4      your level (0: not acquired)\n"
        "  s, Enter skip (the competence stays unassessed, or keeps its level)\n"
        "  b        back to the previous question\n"
        "  q        stop; what you answered is saved\n"
        "  ?, h     this help",
    ),
    "as_invalid": (
        "Réponse non comprise : « {text} ». Tapez un niveau de 0 à 4, ou ? pour l'aide.",
        "Answer not understood: '{text}'. Type a level from 0 to 4, or ? for help.",
    ),
    "as_first": ("C'est la première question.", "This is the first question."),
    "as_saved": (
        "Profil enregistré dans {file} : {done}/{total} compétence(s) évaluée(s).",
        "Profile saved to {file}: {done}/{total} competence(s) assessed.",
    ),
    "as_stopped": (
        "Profil écrit sur la sortie standard : {done}/{total} compétence(s) évaluée(s).",
        "Profile written to standard output: {done}/{total} competence(s) assessed.",
    ),
    "as_missing": (
        "{n} compétence(s) sans réponse (comptées 0) : relancez « esante assess "
        "--output {file} » pour les compléter.",
        "{n} competence(s) unanswered (counted as 0): run 'esante assess --output "
        "{file}' again to complete them.",
    ),
    "as_interrupted": (
        "Interrompu : les réponses données sont enregistrées dans {file}.",
        "Interrupted: the answers given are saved in {file}.",
    ),
    "as_interrupted_stdout": (
        "Interrompu : rien n'est enregistré (sans --output, le profil ne s'écrit qu'à la fin).",
        "Interrupted: nothing saved (without --output, the profile is written at the end only).",
    ),
    "w_flat": (
        "toutes les réponses valent {level} : un profil plat se compare mal aux "
        "métiers ; nuancez-le si vous le pouvez",
        "every answer is {level}: a flat profile matches jobs badly; vary it if you can",
    ),
    "w_unassessed": (
        "{n} compétence(s) non évaluée(s), comptée(s) 0 (non acquis) : {ids}",
        "{n} competence(s) not assessed, counted as 0 (not acquired): {ids}",
    ),
    "w_current_job_text": (
        "métier actuel « {text} » : aucun métier du jeu de données ne "
        "porte exactement ce nom, il est gardé tel quel{hint}",
        "current job '{text}': no job of the dataset has exactly this "
        "name, it is kept as written{hint}",
    ),
    "w_current_job_hint": (" (proches : {jobs})", " (near: {jobs})"),
    "interpreted": (
        "esante : « {query} » interprété comme {title} ({id})",
        "esante: '{query}' taken as {title} ({id})",
    ),
    "current_job_text": ("{text} (hors du jeu de données)", "{text} (not in the dataset)"),
    "person_current_job": ("Métier actuel : {job}", "Current job: {job}"),
    "person_levels_note": (
        "Les niveaux de la personne sont auto-évalués (provenance « user ») ; "
        "ceux des métiers viennent de la fiche ou sont estimés (*).",
        "The person's levels are self-assessed (provenance 'user'); the "
        "jobs' come from the card or are estimates (*).",
    ),
    "match_title": (
        "Métiers pour {name}, du plus proche au plus lointain",
        "Jobs for {name}, nearest first",
    ),
    "match_current": ("(actuel)", "(current)"),
    "reachable": ("En une étape", "One step"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "levels_to_climb": ("À gravir", "To climb"),
    "blocking_list": ("Bloquantes (écart ≥ {n})", "Blocking (gap ≥ {n})"),
    "strengths_list": ("Points forts (nombre)", "Strengths (count)"),
    "coverage": ("Acquis", "Held"),
    "match_note": (
        "Acquis : part des niveaux demandés par le métier que la personne détient déjà ; "
        "classement : progressions et mobilités latérales d'abord, les plus proches en tête, "
        "puis par coût (l'effort : niveaux à gravir, plus grand saut, niveaux inutilisés) ; "
        "les ex æquo partagent un rang. Repli : le métier demande nettement moins que ce que la "
        "personne détient. Tout se mesure sur les 11 compétences de la fiche Spécialiste "
        "e-santé : les savoir-faire propres à chaque métier (programmation, statistique...) n'y "
        "sont pas.",
        "Held: share of the levels the job asks for that the person already holds; order: "
        "progressions and lateral moves first, closest first, then by cost (the effort: levels "
        "to climb, largest jump, unused levels); ties share a rank. Downgrade: the job asks "
        "clearly less than the person holds. Everything is measured on the 11 competences of "
        "the Spécialiste e-santé card: each job's own know-how (programming, statistics...) is "
        "not among them.",
    ),
    "anonymous_note": ("Nom omis (--anonymous).", "Name left out (--anonymous)."),
    "whatif_title": ("Et si {name} montait : {raises}", "What if {name} raised: {raises}"),
    "rank_before": ("Rang avant", "Rank before"),
    "cost_change": ("Coût avant → après", "Cost before → after"),
    "levels_change": ("À gravir avant → après", "To climb before → after"),
    "blocking_change": ("Bloquantes avant → après", "Blocking before → after"),
    "reach_change": ("En une étape", "One step"),
    "gap_changes": ("Écarts qui se réduisent", "Gaps that shrink"),
    "newly_reachable": ("Nouveaux métiers en une étape : {ids}", "Jobs now one step away: {ids}"),
    "closer_jobs": ("Métiers qui se rapprochent : {ids}", "Jobs that come closer: {ids}"),
    "nothing_changes": ("Aucun métier ne se rapproche.", "No job comes closer."),
    "lev_routes_title": ("Itinéraires de {name} aujourd'hui", "{name}'s routes today"),
    "first_step": ("Premier pas à petites marches", "First step, small steps"),
    "direct": ("direct", "direct"),
    "no_route": ("aucun itinéraire", "no route"),
    "lev_raises_title": (
        "Quelle compétence monter d'un niveau ?",
        "Which competence to raise by one level?",
    ),
    "raise_change": ("De → à", "From → to"),
    "lev_newly_reachable": ("Nouveaux métiers en une étape", "Jobs now one step away"),
    "lev_newly_routed": ("Nouveaux itinéraires", "New routes"),
    "route_gain": ("Gain sur les itinéraires", "Route cost saved"),
    "lev_closer": ("Métiers rapprochés", "Jobs closer"),
    "lev_unblocked": ("Débloqués", "Unblocked"),
    "lev_stones_title": (
        "Tremplins : par où commencer pour avancer à petites marches",
        "Stepping stones: where to start to go in small steps",
    ),
    "first_step_cost": ("Coût du premier pas", "First step cost"),
    "serves": ("Premier pas vers", "First step towards"),
    "best_raise": (
        "Compétence qui ouvre le plus : {label}.",
        "Competence that opens most: {label}.",
    ),
    "no_best_raise": (
        "Aucune montée d'un niveau ne change les itinéraires.",
        "No one-level raise changes the routes.",
    ),
    "best_stone": ("Meilleur tremplin : {title}.", "Best stepping stone: {title}."),
    "no_best_stone": (
        "Aucun tremplin : l'itinéraire aux plus petites marches est direct pour "
        "chaque métier visé.",
        "No stepping stone: the route with the smallest steps is direct for every target.",
    ),
    "lev_note": (
        "Une montée ouvre un métier quand il devient accessible en une étape ; acquis gagnés : "
        "la hausse de la part des exigences détenue, sommée sur les métiers visés, en points ; "
        "le gain est la baisse du coût des meilleurs itinéraires vers les métiers qu'elle "
        "rapproche. Un tremplin est le premier métier de l'itinéraire aux plus petites marches "
        "(le moins cher est toujours le passage direct).",
        "A raise opens a job when it becomes one step away; held gained: the rise in the share "
        "of the requirement held, summed over the targets, in points; the gain is the drop in "
        "the cost of the best routes to the jobs it brings closer. A stepping stone is the first "
        "job of the route with the smallest steps (the cheapest is always the direct move).",
    ),
    "anonymous_person": ("la personne (anonyme)", "the person (anonymous)"),
    # pictures, exports and reports (issue 5)
    "map_title": ("Proximités et évolutions : {title}", "Proximities and moves: {title}"),
    "map_subtitle": (
        "Données {version} · modèle « {model} » · acquis = part des exigences du métier visé "
        "déjà détenue",
        "Data {version} · model '{model}' · held = share of the target job's requirement "
        "already held",
    ),
    "map_in": ("Provenances possibles", "Possible origins"),
    "map_in_sub": ("métiers qui mènent à {title}", "jobs leading to {title}"),
    "map_out": ("Évolutions envisageables", "Possible moves"),
    "map_out_sub": ("métiers accessibles depuis {title}", "jobs reachable from {title}"),
    "map_none": ("(aucun)", "(none)"),
    "map_centre_card": ("niveaux de la fiche OPIIEC", "levels from the OPIIEC card"),
    "report_levels_card": ("ceux de la fiche OPIIEC", "those of the OPIIEC card"),
    "report_levels_estimated": (
        "estimés par les auteurs du jeu de données*",
        "estimated by the dataset's authors*",
    ),
    "map_centre_estimated": ("niveaux estimés*", "estimated levels*"),
    "map_cost": ("acquis", "held"),
    "map_kind_declared": ("fiche", "card"),
    "map_kind_computed": ("calculé", "computed"),
    "map_kind_both": ("fiche + calculé", "card + computed"),
    "map_ring_proche": ("proche ≥ {limit}", "close ≥ {limit}"),
    "map_ring_accessible": ("accessible ≥ {limit}", "reachable ≥ {limit}"),
    "map_ring_lointaine": ("lointaine < {limit}", "distant < {limit}"),
    "map_legend_declared": (
        "mobilité déclarée par la fiche OPIIEC (trait plein)",
        "move declared by the OPIIEC card (solid line)",
    ),
    "map_legend_computed": (
        "mobilité calculée : profils assez proches (tirets)",
        "computed move: profiles close enough (dashes)",
    ),
    "map_legend_rings": (
        "Anneaux : bandes de proximité calibrées sur les mobilités de la fiche (plus près du "
        "centre = plus des exigences déjà détenues) ; l'anneau de la fiche n'est pas conservé "
        "dans ses données.",
        "Rings: closeness bands calibrated on the card's moves (nearer the centre = more of "
        "the requirement already held); the card's own ring is not kept in its data.",
    ),
    "map_legend_estimate": (
        "* niveaux estimés, pas des données de la fiche : acquis et effort calculés sur des "
        "estimations des auteurs du jeu de données",
        "* estimated levels, not data from the card: held share and effort computed on the "
        "dataset authors' estimates",
    ),
    "map_legend_inferred": (
        "† sens (provenance ou évolution) inféré de la mise en page du graphique de la fiche, "
        "pas énoncé par elle",
        "† direction (origin or move) inferred from the layout of the card's chart, not "
        "stated by it",
    ),
    "map_legend_highlight": ("cadre épais : le métier de départ", "thick frame: the starting job"),
    "map_legend_highlight_current": (
        "cadre épais : le métier actuel de la personne (son acquis "
        "est celui de ce métier, pas de la personne)",
        "thick frame: the person's current job (the held share is that job's, not the person's)",
    ),
    "map_others": (
        "Autres métiers, sans lien direct ici : {names}",
        "Other jobs, with no direct link here: {names}",
    ),
    "map_tree_reverse": ("retour {cost}", "back {cost}"),
    "map_tree_cost": ("effort {cost}", "effort {cost}"),
    "map_legend_downgrade": (
        "repli : le métier demande nettement moins que l'autre n'en détient (ici, un passage "
        "déclaré par la fiche)",
        "downgrade: the job asks clearly less than the other holds (here, a move the card "
        "declares)",
    ),
    "map_hidden_downgrades": (
        "{n} repli(s) calculé(s) non dessiné(s) : des métiers qui demandent nettement moins "
        "(--include-downgrades pour les voir).",
        "{n} computed downgrade(s) not drawn: jobs that ask clearly less "
        "(--include-downgrades to see them).",
    ),
    "report_title": (
        "Rapport de mobilité : {source} → {target}",
        "Mobility report: {source} → {target}",
    ),
    "report_meta": (
        "esante {tool} · données {data} · modèle « {model} »",
        "esante {tool} · data {data} · model '{model}'",
    ),
    "report_target": ("Le métier visé", "The target job"),
    "report_source": ("Le métier de départ", "The starting job"),
    "report_purpose": ("Finalité", "Purpose"),
    "report_missions": ("Missions principales", "Main missions"),
    "report_other_titles": ("Autres appellations", "Other titles"),
    "report_levels": ("Niveaux attendus", "Expected levels"),
    "report_source_of": ("Source", "Source"),
    "report_no_purpose": (
        "La fiche de ce métier n'est pas dans les données.",
        "This job's card is not in the data.",
    ),
    "report_gap": ("Ce qui sépare les deux métiers", "What separates the two jobs"),
    "report_nothing": (
        "Rien à gravir : le métier de départ couvre déjà chaque niveau demandé.",
        "Nothing to climb: the starting job already covers every level asked.",
    ),
    "report_routes": ("Les meilleurs itinéraires", "The best routes"),
    "report_no_route": (
        "Aucun itinéraire ne relie ces deux métiers dans le graphe.",
        "No route links these two jobs in the graph.",
    ),
    "report_route": (
        "Itinéraire {n} : coût {cost}, {hops} étape(s), {levels} niveau(x) à "
        "gravir, plus grand saut {jump}{stability}",
        "Route {n}: cost {cost}, {hops} step(s), {levels} level(s) to climb, "
        "largest jump {jump}{stability}",
    ),
    "report_map": ("Le voisinage du métier visé", "The target job's neighbourhood"),
    "report_notes": ("À lire avant d'utiliser ce rapport", "Read before using this report"),
    "report_card_caveat": (
        "La fiche OPIIEC dit de ses mobilités : « {note} »",
        'The OPIIEC card says of its moves: "{note}"',
    ),
    "report_limits": (
        "Le coût chiffre un écart de compétences, pas une décision : il ignore les salaires, "
        "les formations disponibles, le marché de l'emploi et les préférences de la personne. "
        "Il ne compare les métiers que sur les 11 compétences de la fiche Spécialiste "
        "e-santé, pas sur les savoir-faire propres à chacun.",
        "The cost measures a competence gap, not a decision: it knows nothing of pay, "
        "available training, the job market or the person's preferences. It compares jobs on "
        "the 11 competences of the Spécialiste e-santé card only, not on each job's own "
        "know-how.",
    ),
    # a person's report and the group workshop (issue 5, people)
    "report_person": ("La personne", "The person"),
    "report_anonymous": ("Personne anonyme", "Anonymous person"),
    "report_unnamed": ("Personne sans nom", "Unnamed person"),
    "report_pseudonym": ("Personne {n}", "Person {n}"),
    "report_current_job": ("Métier actuel", "Current job"),
    "report_no_current_job": ("non renseigné", "not given"),
    "report_own_levels": (
        "Ses niveaux (auto-évalués, 0 à 4)",
        "Their levels (self-assessed, 0 to 4)",
    ),
    "report_own_levels_value": (
        "{n} compétence(s) évaluée(s) sur {total}",
        "{n} of {total} competence(s) assessed",
    ),
    "report_chosen_target": ("Métier visé", "Target job"),
    "report_target_best": (
        "le plus proche de ses niveaux, hors métier actuel",
        "the closest to their levels, besides the current job",
    ),
    "report_target_given": (
        "choisi pour ce rapport (--target)",
        "chosen for this report (--target)",
    ),
    "report_closest": ("Métiers les plus proches", "Closest jobs"),
    "report_match_line": (
        "{title} — acquis {held} · {band} · {move} · coût {cost}{stability}",
        "{title} — held {held} · {band} · {move} · cost {cost}{stability}",
    ),
    "report_gap_person": (
        "Ce qui sépare la personne du métier visé",
        "What separates the person from the target job",
    ),
    "report_nothing_person": (
        "Rien à gravir : la personne a déjà chaque niveau demandé.",
        "Nothing to climb: the person already holds every level asked.",
    ),
    "report_no_route_person": (
        "Aucun itinéraire ne mène de la personne à ce métier dans le graphe.",
        "No route leads from the person to this job in the graph.",
    ),
    "report_unassessed_mark": (
        "— dans la colonne « Actuel » : compétence non évaluée, comptée 0 (non acquis).",
        "— in the 'Current' column: competence not assessed, counted 0 (not acquired).",
    ),
    "report_map_current": (
        "Sur la carte, le cadre épais signale le métier actuel de la personne.",
        "On the map, the thick frame marks the person's current job.",
    ),
    "ws_heat_title_target": (
        "Écarts du groupe au métier {title}",
        "The group's gaps to the job {title}",
    ),
    "ws_heat_title_best": (
        "Écarts de chaque personne à son métier le plus proche",
        "Each person's gaps to their closest job",
    ),
    "ws_heat_subtitle": (
        "Données {version} · modèle « {model} » · écart = niveau demandé par le "
        "métier − niveau de la personne",
        "Data {version} · model '{model}' · gap = level the job asks − the person's level",
    ),
    "ws_heat_group": ("Groupe", "Group"),
    "ws_heat_group_sub": ("personnes à former", "people to train"),
    "ws_heat_total": ("Niveaux à gravir", "Levels to climb"),
    "ws_heat_cost": ("Acquis · proximité", "Held · band"),
    "ws_heat_met": ("✓ niveau atteint ou dépassé", "✓ level reached or exceeded"),
    "ws_heat_gap_words": ("niveaux à gravir", "levels to climb"),
    "ws_heat_blocking": (
        "écart ≥ {n} : compétence bloquante (chiffre en gras)",
        "gap ≥ {n}: blocking competence (bold figure)",
    ),
    "ws_heat_not_needed": (
        "— le métier ne demande pas cette compétence",
        "— the job does not ask for this competence",
    ),
    "ws_heat_unassessed": (
        "? la personne n'a pas évalué cette compétence (comptée 0)",
        "? the person did not assess this competence (counted 0)",
    ),
    "ws_heat_estimate": (
        "* niveaux du métier estimés par les auteurs du jeu de données, pas des "
        "données de la fiche OPIIEC",
        "* the job's levels are the dataset authors' estimates, not data from the OPIIEC card",
    ),
    "ws_progress": ("Rapports", "Reports"),
    "ws_unassessed": (
        "compétences non évaluées (comptées 0) : {people}",
        "competences not assessed (counted 0): {people}",
    ),
    "ws_done": (
        "{n} rapport(s) écrit(s) dans {dir} ; synthèse : {summary} ; carte des écarts : {heatmap}",
        "{n} report(s) written in {dir}; summary: {summary}; gap map: {heatmap}",
    ),
    "ws_done_none": (
        "aucun rapport écrit ; synthèse : {summary}",
        "no report written; summary: {summary}",
    ),
    # import and batch (issue 6)
    "import_done": (
        "{out} : {jobs} métiers, {competences} compétences, {levels} niveaux "
        "attendus, {mobilities} mobilités",
        "{out}: {jobs} jobs, {competences} competences, {levels} expected levels, "
        "{mobilities} moves",
    ),
    "import_model": (
        "modèle calibré sur ces données (couples d'un même groupe ISCO-08) : "
        "{model}, utilisé d'office par esante --data {out}",
        "model calibrated on this data (pairs of one ISCO-08 group): {model}, used "
        "by default with esante --data {out}",
    ),
    "templates_done": (
        "{out} : {files} écrits ; remplissez-les puis esante import csv {out} --output DOSSIER",
        "{out}: wrote {files}; fill them in, then esante import csv {out} --output DIR",
    ),
}


def t(key: str, lang: Lang = Lang.fr) -> str:
    """The word for ``key`` in ``lang`` (French when the key has no translation)."""
    fr, en = _WORDS[key]
    return en if lang == "en" else fr


def some(names: list[str], lang: Lang = Lang.fr, limit: int = 12) -> str:
    """The first ``limit`` names, comma-separated, and how many more there are: a list of
    13,870 unassessed competences (an ESCO-size dataset) must not fill the screen."""
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += " " + t("and_more", lang).format(n=len(names) - limit)
    return shown
