"""The words of the interface, in French (the default) and English (``--lang en``): gettext
catalogues, the current language, real plurals and numbers as each language writes them.

The data itself is French (job titles, competences, the card's text): only the interface
around it is translated.

**The source language is French.** A message is written in French in the code and marked
``_("...")`` (``ngettext`` for a count, ``N_`` for a text translated later); the English is in
the catalogue ``locale/en/LC_MESSAGES/esante.po`` (compiled to ``esante.mo``, in the wheel).
Click's and Typer's own words (help, usage errors) are English in their code: their French is
in ``locale/fr/LC_MESSAGES/framework.po`` (see ``cli/framework.py``). The tables below hold the
words of the views by key (``t(key, lang)``, ``tn(key, n, lang)``); the key is the context of
its message in the catalogue (``msgctxt``), so one French word may have two English ones.

**The current language** is set once by ``--lang`` (:func:`set_lang`), else by
``ESANTE_LANG``, else by the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: an
English one gives English), else French. A renderer asked for a language uses it for what it
writes (:func:`using`).

Catalogues are read on first use (:mod:`.language`): a French run reads the English catalogue
never, the French words of Click and Typer only to show a help or a usage error. Numbers go through Babel (:func:`number`, :func:`percent`), imported on first use:
the JSON and CSV outputs, machine-neutral, never import it.

To update the catalogues after changing a message, see the README ("Langues").
"""

from __future__ import annotations

from .language import (
    DOMAIN,
    N_,
    Lang,
    _,
    catalogue,
    current_lang,
    integer,
    lang_from_env,
    ngettext,
    number,
    percent,
    set_lang,
    using,
)

__all__ = [
    "N_",
    "Lang",
    "_",
    "current_lang",
    "integer",
    "lang_from_env",
    "ngettext",
    "number",
    "percent",
    "set_lang",
    "some",
    "t",
    "tn",
    "using",
]

# -- the words of the views, by key ------------------------------------------------------------

# key -> the French words (the msgid; the key is its msgctxt). A (French, English) pair is read
# as it is until the catalogues have the key: the English then goes to the catalogue (see the
# README) and the pair becomes the French alone.
_WORDS: dict[str, str | tuple[str, str]] = {
    # issue 12: the notes of data other than the OPIIEC card (render/about.py)
    "closeness_note_data": (
        "Acquis : part des exigences du métier visé déjà détenue (proximité : proche, accessible "
        "ou lointaine, bandes du modèle « {model} » : esante model show). Sens : progression, "
        "mobilité latérale ou repli (le métier visé demande nettement moins que le départ n'en "
        "détient). Effort : niveaux à gravir, plus grand saut et niveaux inutilisés, "
        "pondérés. Tout se mesure sur les {n} compétences à niveaux du jeu de données « {title} »."
    ),
    "match_note_data": (
        "Acquis : part des niveaux demandés par le métier que la personne détient déjà ; "
        "classement : progressions et mobilités latérales d'abord, les plus proches en tête, puis "
        "par effort (niveaux à gravir, plus grand saut, niveaux inutilisés) ; les ex æquo "
        "partagent un rang. Repli : le métier demande nettement moins que ce que la personne "
        "détient. Un métier qui demande peu est vite proche : l'acquis se lit avec les niveaux à "
        "gravir et l'effort. Tout se mesure sur les {n} compétences à niveaux du jeu de données "
        "« {title} »."
    ),
    "mark_estimate_data": (
        "* estimation des auteurs du jeu de données, pas une donnée de sa source (sa raison : "
        "colonne Raison, esante show MÉTIER ou --format json)"
    ),
    "mark_inferred_data": (
        "† niveaux déduits par une règle (celle de l'import : esante show MÉTIER --format json "
        "donne la raison de chacun), pas énoncés par la source des données"
    ),
    "objective_note_data": (
        "Objectif : {objective}. Chaque étape part de ce que l'itinéraire a déjà acquis ; les "
        "métiers sur le chemin sont jugés sur les compétences du jeu de données seulement."
    ),
    "map_legend_rings_data": (
        "Anneaux : bandes de proximité du modèle « {model} » (plus près du centre = plus des "
        "exigences déjà détenues)."
    ),
    "map_legend_inferred_data": (
        "† niveaux déduits par une règle (celle de l'import), pas énoncés par la source des données"
    ),
    "map_legend_estimate_data": (
        "* niveaux estimés, pas des données de la source : acquis et effort calculés sur des "
        "estimations des auteurs du jeu de données"
    ),
    "person_levels_note_data": (
        "Les niveaux de la personne sont ceux qu'elle s'attribue (auto-évaluation) ; ceux des métiers "
        "viennent du jeu de données « {title} » (†, * : déduits ou estimés)."
    ),
    "pf_header_data": "Profil esante : auto-évaluation sur les compétences du jeu de données « {title} ».",
    "pf_scale_data": (
        "Niveaux : 0 = non acquis ; 1 à 4 = les niveaux (cumulés) de chaque compétence (esante "
        "competence ID)."
    ),
    "mark_estimate_report_data": (
        "* estimation des auteurs du jeu de données, pas une donnée de sa source ; chaque "
        "estimation a sa raison, écrite avec les données",
        "* an estimate by the dataset's authors, not a fact of its source; each estimate has its "
        "reason, written with the data",
    ),
    "report_limits_data": (
        "L'effort chiffre un écart de compétences, pas une décision : il ignore les salaires, les "
        "formations disponibles, le marché de l'emploi et les préférences de la personne. Il ne "
        "compare les métiers que sur les {n} compétences à niveaux du jeu de données « {title} »."
    ),
    # columns and headings
    "id": "id",
    "title": "Métier",
    "family": "Famille",
    "card_levels": "Niv. fiche",
    "estimated_levels": "Niv. estimés",
    "competence": "Compétence",
    "label": "Libellé",
    "level": "Niveau",
    "expected": "Niveau attendu",
    "ladder": "Les quatre niveaux (cumulés)",
    "levels": "Niveaux",
    "example": "Exemple concret",
    "provenance": "Provenance",
    # a provenance (or a code's status) as a human view says it
    "prov_card": "fiche",
    "prov_found": "trouvé",
    "prov_third-party": "source tierce",
    "prov_inferred": "inféré",
    "prov_guess": "supposé",
    "prov_estimate": "estimé",
    "prov_user": "auto-évalué",
    "reason": "Raison",
    "jobs_with_level": "Métiers qui l'attendent",
    "other_titles_fr": "Autres appellations (FR)",
    "other_titles_en": "Autres appellations (EN)",
    "codes": "Codes",
    "system": "Référentiel",
    "code": "Code",
    "status": "Statut",
    "status_ok": ("lu", "read"),
    "status_invalid": ("invalide", "invalid"),
    "w_source_line": ("ligne {line}", "line {line}"),
    "source": "Source",
    "purpose": "Finalité",
    "summary": "Ce que l'on sait",
    "missions": "Missions principales",
    "context": "Contexte de travail",
    "org_contexts": "Contextes organisationnels",
    "conditions": "Conditions de travail",
    "relations": "Relations professionnelles",
    "internal": "Relations internes",
    "external": "Relations externes",
    "certifications": "Certifications",
    "none_listed": "aucune certification listée",
    "sectors": "Secteurs (filtres du graphique)",
    "neighbours": "Proximités et évolutions déclarées",
    "direction": "Sens",
    "ring": "Anneau",
    "sector": "Secteur",
    "provenance_dir": "Provenance possible (vers ce métier)",
    "evolution_dir": "Évolution envisageable (depuis ce métier)",
    "unknown": "inconnu",
    "none": "aucune",
    "competences": "Compétences et niveaux attendus",
    "jobs": "Métiers",
    "notes": "Notes éditoriales",
    "mobility_note": "Avertissement de la fiche :",
    "card_source": "Fiche OPIIEC",
    "no_section": (
        "Cette partie n'existe que pour un métier dont la fiche complète est dans les données."
    ),
    "no_card": "Pas de fiche complète dans les données : seul ce qui est connu est affiché.",
    "problems": "Problèmes",
    "valid": "Jeu de données valide",
    # mobility
    "gap": "Écart",
    "current": "Actuel",
    "required": "Requis",
    "delta": "Écart",
    "to_learn": "Ce qu'il faut apprendre, dans l'ordre",
    "learn_example": ("Exemple de la fiche{colon}{example}", "The card's example{colon}{example}"),
    "learn_topics": (
        "Thèmes que la fiche nomme{colon}{topics}",
        "Topics the card names{colon}{topics}",
    ),
    "learn_levels": ("Les niveaux à atteindre :", "The levels to reach:"),
    "strengths": "Points forts transférables (au-dessus du besoin)",
    "gap_total": (
        "Total : {levels} à gravir sur {competences} ; plus grand saut : {jump} ; compétences "
        "bloquantes (écart ≥ 2) : {blocking} ; acquis : {held} ({band}, {move}) ; effort du passage "
        ": {cost}"
    ),
    "not_compared": "Non comparées (pas de niveau pour le métier visé) : {ids}",
    "band": "Proximité",
    "band_proche": "proche",
    "band_accessible": "accessible",
    "band_lointaine": "lointaine",
    "kind": "Lien",
    "kind_declared": "déclaré (fiche)",
    "kind_computed": "calculé",
    "kind_None": "aucun lien direct",
    "kind_direct": "direct (hors seuils)",
    "move_col": "Sens",
    "whatif_target": "visé",
    "became_downgrades": (
        "Devenus des replis après ces montées (la personne en détient alors nettement plus que le "
        "métier n'en demande ; ils sont classés après les autres) : {ids}"
    ),
    "closeness_gain": "Acquis gagnés (points)",
    "move_progression": "progression",
    "move_lateral": "mobilité latérale",
    "move_downgrade": "repli",
    "stability": "Stabilité",
    "fragile_mark": (
        "‡ fragile : garde son rang dans moins de {share} % des {draws} tirages où nos estimations "
        "bougent d'un niveau (graine {seed})"
    ),
    "stability_note": (
        "Stabilité : part des {draws} tirages (graine {seed}) où nos estimations bougent d'un "
        "niveau et où la réponse garde son rang ou mieux ; entre crochets, l'effort dans 90 % des "
        "tirages."
    ),
    "lev_targets_left_out": (
        "Les {n} autres métiers visés, plus exigeants, ne sont pas affichés (--targets pour en "
        "nommer ; tous en JSON ou CSV)."
    ),
    "closeness_note": (
        "Acquis : part des exigences du métier visé déjà détenue (proximité : proche, accessible "
        "ou lointaine, bandes calibrées sur les mobilités de la fiche). Sens : progression, "
        "mobilité latérale ou repli (le métier visé demande nettement moins que le départ n'en "
        "détient). Effort : niveaux à gravir, plus grand saut et niveaux inutilisés, "
        "pondérés. Tout se mesure sur les 11 compétences de la fiche Spécialiste e-santé : les "
        "savoir-faire propres à chaque métier (programmation, statistique, cryptographie...) n'y "
        "sont pas."
    ),
    "kept": "Acquis gardés",
    # the model: calibration and validation (issue 9)
    "ref_kind": "Référence",
    "written": "esante : {what} écrit dans {path}",
    # one line on stderr after each file written (issue 11, item 5)
    "wrote_report": ("esante : rapport écrit dans {path}", "esante: report written to {path}"),
    "wrote_report_map": (
        "esante : rapport écrit dans {path}, sa carte dans {map}",
        "esante: report written to {path}, its map to {map}",
    ),
    "wrote_map": ("esante : carte écrite dans {path}", "esante: map written to {path}"),
    "wrote_profile": ("esante : profil écrit dans {path}", "esante: profile written to {path}"),
    "wrote_graph": ("esante : graphe écrit dans {path}", "esante: graph written to {path}"),
    "wrote_matrix": (
        "esante : matrice des efforts écrite dans {path}",
        "esante: effort matrix written to {path}",
    ),
    "calibrated_model": "modèle calibré",
    "calibrated_header": "# Modèle calibré par « esante model calibrate » sur {refs}.",
    "ref_provenance": "provenance",
    "ref_evolution": "évolution",
    "ref_same-group": "même groupe ISCO",
    "calibration_title": "Calibration des bandes sur les mobilités de référence",
    "calibration_note": (
        "Références : {refs}. Acquis moyen {mean}, écart-type {sd} : « proche » à partir de la "
        "moyenne ({proche}), « accessible » à partir de la moyenne moins un écart-type "
        "({accessible}, la règle de Nesta), « lointaine » en dessous. {closer} des {count} "
        "références tombent dans les deux bandes les plus proches."
    ),
    "check_title": "Validation : où tombent les mobilités de référence",
    "check_rank": "Rang du métier visé",
    "band_left_out": "Bande si on la retire",
    "check_kind": "{kind} : {closer} sur {count} dans les deux bandes les plus proches.",
    "check_left_out": (
        "Retirée de la calibration (bandes recalculées sans elle), chaque référence reste dans les "
        "deux bandes les plus proches pour {closer} sur {count}."
    ),
    "check_rank_note": (
        "Rang : celui du métier visé dans les recommandations du métier de départ (tous les "
        "métiers, replis en dernier) ; stabilité : part des tirages où il garde ce rang ou mieux."
    ),
    "check_stability_title": "Ce que nos estimations font aux réponses",
    "figure": "Mesure",
    "value": "Valeur",
    "seed": "graine",
    "check_estimated": "Niveaux estimés (que les tirages bougent)",
    "check_draws": "Tirages (chaque estimation bouge d'un niveau avec une probabilité de {share})",
    "check_top3": "Top 3 de recommend inchangé (moyenne sur les métiers et les tirages)",
    "check_single": (
        "Une seule estimation bougée d'un niveau ({n} cas) : part qui change le top 3 d'au moins "
        "un métier"
    ),
    "kept_line": "{label} : {level} (le métier en demande {required})",
    "not_exact": (
        "Recherche arrêtée à sa limite de travail : ces chemins sont les meilleurs trouvés, sans "
        "preuve qu'ils soient les {k} meilleurs."
    ),
    "route_stability": "stabilité {stability} [{low}–{high}]",
    "no_edge": "aucun lien direct",
    "cost": "Effort",
    "reverse_cost": "Effort retour",
    "neighbours_of": "Voisins de",
    "side_in_title": "Métiers qui mènent à",
    "side_out_title": "Métiers accessibles depuis",
    "no_neighbour": "Aucun voisin avec ces critères.",
    "cost_note": (
        "Effort : niveaux à gravir, plus grand saut et niveaux inutilisés, pondérés (voir "
        "docs/model.md) ; plus il est bas, plus le passage est court. L'effort retour est celui du "
        "chemin inverse."
    ),
    "route_title": (
        "Chemin {n} : {chain} — effort {cost}, {hops}, {levels} à gravir, plus grand saut {jump}"
    ),
    "move": "Passage",
    "rises": "Compétences qui montent",
    "nothing_to_climb": "rien à gravir",
    "same_job": "Départ et arrivée sont le même métier : il n'y a rien à parcourir.",
    "objective_note": (
        "Objectif : {objective}. Chaque étape part de ce que l'itinéraire a déjà acquis ; les "
        "métiers sur le chemin sont jugés sur les compétences de la fiche seulement, pas sur leurs "
        "savoir-faire propres."
    ),
    "objective_levels": "l'effort le plus bas (surtout les niveaux à gravir)",
    "objective_hops": "le moins d'étapes",
    "objective_max-jump": "le plus petit grand saut",
    "constraints": "Contraintes",
    "explain": (
        "({climb} à gravir × {wc} + saut {jump} × {wj} + inutilisés {unused} × {wu} = {weighted}) "
        "× {factor} + {hop} = {cost}"
    ),
    "explain_legend": (
        "Détail : (niveaux à gravir × poids + plus grand saut × poids + niveaux inutilisés × "
        "poids) × facteur « déclaré par la fiche » + pénalité d'étape = effort (docs/model.md)."
    ),
    "compare": "Comparaison",
    "levels_side_by_side": "Niveaux côte à côte",
    "differs": "Diffère",
    "strengths_cmp": "Points forts (niveau 3 ou plus)",
    "shared": "Communs à tous",
    "pair_costs": "Effort de chaque passage",
    "from": "De",
    "to": "Vers",
    "recommend": "Métiers les plus proches depuis",
    "part_climb": "À gravir",
    "part_max_jump": "Plus grand saut",
    "part_unused": "Inutilisés",
    "part_blocking": "Bloquantes",
    "part_similarity": "Similarité",
    "part_unused_share": "Part inutilisée",
    "part_factor": "Facteur",
    "part_hop_penalty": "Pénalité",
    # marks and footnotes
    "mark_estimate": (
        "* estimation des auteurs du jeu de données, pas une donnée de la fiche OPIIEC (sa raison "
        ": colonne Raison, esante show MÉTIER ou --format json)"
    ),
    "mark_inferred": (
        "† placement inféré de la mise en page du graphique de la fiche, pas énoncé par elle"
    ),
    "mark_estimate_report": (
        "* estimation des auteurs du jeu de données, pas une donnée de la fiche OPIIEC ; chaque "
        "estimation a sa raison, écrite avec les données",
        "* an estimate by the dataset's authors, not a fact of the OPIIEC card; each estimate has "
        "its reason, written with the data",
    ),
    "mark_null": "— la fiche ne donne pas de niveau pour cette compétence",
    # people: profiles, self-assessment, match, what-if, leverage (issue 4)
    "pf_header": "Profil esante : auto-évaluation sur les macro-compétences de la fiche OPIIEC.",
    "pf_scale": (
        "Niveaux : 0 = non acquis ; 1 à 4 = les niveaux (cumulés) de la fiche (esante competence "
        "ID)."
    ),
    "pf_private": (
        "Données personnelles : ce fichier reste sur votre machine ; esante ne l'envoie ni ne le "
        "copie nulle part."
    ),
    "pf_template_1": "Modèle de profil esante : remplacez chaque null par votre niveau.",
    "pf_template_2": (
        "Une compétence laissée à null n'est pas évaluée : elle compte 0 (avec un avertissement)."
    ),
    "pf_template_3": (
        'Compétences par id ou par libellé ; une note : cycle-de-vie: {level: 2, note: "..."}'
    ),
    "pf_template_4": (
        "Évitez les réponses toutes égales : un profil plat se compare mal aux métiers."
    ),
    "pf_template_5": (
        "Ensuite : esante match FICHIER ; ou remplissez-le pas à pas : esante assess --output "
        "FICHIER"
    ),
    "pf_name": "facultatif : votre nom (--anonymous le retire des sorties)",
    "pf_current_job": (
        "facultatif : votre métier actuel (id ou titre, voir esante list ; un autre métier est "
        "gardé tel quel)"
    ),
    "pf_current_job_text": "hors du jeu de données : gardé tel quel",
    "pf_notes": "facultatif : vos remarques (jamais affichées par esante)",
    "pf_no_levels": "pas de niveaux dans la fiche : une note seulement",
    "pf_unassessed": "non évaluée",
    "pf_level0": "Non acquis",
    "as_intro": (
        "Auto-évaluation : {n}. Pour chacune, tapez un niveau de 0 à 4 (? aide, s passer, b "
        "revenir, q arrêter et enregistrer)."
    ),
    "as_resume": "Reprise de {file} : {done}, {n} à évaluer.",
    "as_redo": "{file} est complet : --force fait tout reprendre (Entrée garde le niveau actuel).",
    "file_metavar": "FICHIER",
    # the names of the workshop's group files (reports.py), without their suffix
    "file_groupe-ecarts": "groupe-ecarts",
    "file_groupe-synthese": "groupe-synthese",
    "file_groupe-rapports": "groupe-rapports",
    "as_nothing": "{file} est déjà complet : rien à demander.",
    "as_question": "[{i}/{n}] {label} ({id})",
    "as_prompt": "Niveau 0-4 (? aide, s passer, b revenir, q arrêter)",
    "as_current": "actuel : {level}",
    "as_help": (
        "Les niveaux sont cumulés : le niveau 3 suppose de savoir faire ce que disent les niveaux "
        "1 et 2. Choisissez le plus haut niveau que vous pratiquez vraiment.\n  0-4      votre "
        "niveau (0 : non acquis)\n  s, Entrée passer (la compétence reste non évaluée, ou garde "
        "son niveau)\n  b        revenir à la question précédente\n  q        arrêter ; ce qui est "
        "répondu est enregistré\n  ?, h     cette aide"
    ),
    "as_invalid": "Réponse non comprise : « {text} ». Tapez un niveau de 0 à 4, ou ? pour l'aide.",
    "as_first": "C'est la première question.",
    "as_interrupted": "Interrompu : les réponses données sont enregistrées dans {file}.",
    "as_interrupted_stdout": (
        "Interrompu : rien n'est enregistré (sans --output, le profil ne s'écrit qu'à la fin)."
    ),
    "w_flat": (
        "toutes les réponses valent {level} : un profil plat se compare mal aux métiers ; "
        "nuancez-le si vous le pouvez"
    ),
    "w_current_job_text": (
        "métier actuel « {text} » : aucun métier du jeu de données ne porte exactement ce nom, il "
        "est gardé tel quel{hint}"
    ),
    "w_current_job_hint": " (proches : {jobs})",
    "interpreted": "esante : « {query} » interprété comme {title} ({id})",
    "current_job_text": "{text} (hors du jeu de données)",
    "person_current_job": "Métier actuel : {job}",
    "person_levels_note": (
        "Les niveaux de la personne sont ceux qu'elle s'attribue (auto-évaluation) ; ceux des métiers "
        "viennent de la fiche ou sont estimés (*)."
    ),
    "match_title": "Métiers pour {name}, du plus proche au plus lointain",
    "match_current": "(actuel)",
    "reachable": "Direct dans les seuils",
    "yes": "oui",
    "no": "non",
    "levels_to_climb": "À gravir",
    "blocking_list": "Bloquantes (écart ≥ {n})",
    "strengths_list": "Points forts (nombre)",
    "coverage": "Acquis",
    "match_note": (
        "Acquis : part des niveaux demandés par le métier que la personne détient déjà ; "
        "classement : progressions et mobilités latérales d'abord, les plus proches en tête, puis "
        "par effort (niveaux à gravir, plus grand saut, niveaux inutilisés) ; les ex æquo "
        "partagent un rang. Repli : le métier demande nettement moins que ce que la personne "
        "détient. Un métier qui demande peu est vite proche : l'acquis se lit avec les niveaux à "
        "gravir et l'effort. Tout se mesure sur les 11 compétences de la fiche Spécialiste "
        "e-santé : les savoir-faire propres à chaque métier (programmation, statistique...) n'y "
        "sont pas."
    ),
    "anonymous_note": "Nom omis (--anonymous).",
    "report_anonymous_note": ("Nom omis : rapport anonyme.", "Name left out: an anonymous report."),
    "whatif_title": "Et si {name} montait : {raises}",
    "rank_before": "Rang avant",
    "cost_change": "Effort avant → après",
    "levels_change": "À gravir avant → après",
    "blocking_change": "Bloquantes avant → après",
    "reach_change": "Direct dans les seuils",
    "dir_in": "mène à ce métier",
    "dir_out": "où il mène",
    "no_job_listed": "Aucun métier ne correspond (esante list sans --family les donne tous).",
    "gap_changes": "Écarts qui se réduisent",
    "newly_reachable": "Nouveaux métiers en une étape : {ids}",
    "closer_jobs": "Métiers qui se rapprochent : {ids}",
    "nothing_changes": "Aucun métier ne se rapproche.",
    "lev_routes_title": "Itinéraires de {name} aujourd'hui",
    "first_step": "Premier pas à petites marches",
    "direct": "direct",
    "no_route": "aucun itinéraire",
    "lev_raises_title": "Quelle compétence monter d'un niveau ?",
    "raise_change": "De → à",
    "lev_newly_reachable": "Nouveaux métiers en une étape",
    "lev_newly_routed": "Nouveaux itinéraires",
    "route_gain": "Gain sur les itinéraires",
    "lev_closer": "Métiers rapprochés",
    "lev_unblocked": "Débloqués",
    "lev_stones_title": "Tremplins : par où commencer pour avancer à petites marches",
    "first_step_cost": "Effort du premier pas",
    "serves": "Premier pas vers",
    "best_raise": "Compétence qui ouvre le plus : {label}.",
    "no_best_raise": "Aucune montée d'un niveau ne change les itinéraires.",
    "best_stone": "Meilleur tremplin : {title}.",
    "no_best_stone": (
        "Aucun tremplin : l'itinéraire aux plus petites marches est direct pour chaque métier visé."
    ),
    "lev_note": (
        "Une montée ouvre un métier quand il devient accessible en une étape ; acquis gagnés : la "
        "hausse de la part des exigences détenue, sommée sur les métiers visés, en points ; le "
        "gain est la baisse de l'effort des meilleurs itinéraires vers les métiers qu'elle rapproche ; "
        "débloqués : les métiers visés où elle ôte une compétence bloquante (écart de 2 ou plus), "
        "même s'ils restent hors de portée en une étape. Un tremplin est le premier métier de "
        "l'itinéraire aux plus petites marches (le moins cher est toujours le passage direct)."
    ),
    "anonymous_person": "la personne (anonyme)",
    # pictures, exports and reports (issue 5)
    "map_title": "Proximités et évolutions : {title}",
    "map_subtitle": (
        "Données {version} · {model} · acquis = part des exigences du métier visé déjà détenue"
    ),
    "map_in": "Provenances possibles",
    "map_in_sub": "métiers qui mènent à {title}",
    "map_out": "Évolutions envisageables",
    "map_out_sub": "métiers accessibles depuis {title}",
    "map_none": "(aucun)",
    "map_centre_card": "niveaux de la fiche OPIIEC",
    "report_levels_card": "ceux de la fiche OPIIEC",
    "report_levels_estimated": "estimés par les auteurs du jeu de données*",
    "map_centre_estimated": "niveaux estimés*",
    "map_cost": "acquis",
    "map_kind_declared": "fiche",
    "map_kind_computed": "calculé",
    "map_kind_both": "fiche + calculé",
    "map_ring_proche": "proche ≥ {limit}",
    "map_ring_accessible": "accessible ≥ {limit}",
    "map_ring_lointaine": "lointaine < {limit}",
    "map_legend_declared": "mobilité déclarée par la fiche OPIIEC (trait plein)",
    "map_legend_computed": "mobilité calculée : profils assez proches (tirets)",
    "map_legend_rings": (
        "Anneaux : bandes de proximité calibrées sur les mobilités de la fiche (plus près du "
        "centre = plus des exigences déjà détenues) ; l'anneau de la fiche n'est pas conservé dans "
        "ses données."
    ),
    "map_legend_estimate": (
        "* niveaux estimés, pas des données de la fiche : acquis et effort calculés sur des "
        "estimations des auteurs du jeu de données"
    ),
    "map_legend_inferred": (
        "† sens (provenance ou évolution) inféré de la mise en page du graphique de la fiche, pas "
        "énoncé par elle"
    ),
    "map_legend_highlight": "cadre épais : le métier de départ",
    "map_legend_highlight_current": (
        "cadre épais : le métier actuel de la personne (son acquis est celui de ce métier, pas de "
        "la personne)"
    ),
    "map_others": "Autres métiers, sans lien direct ici : {names}",
    "map_tree_reverse": "retour {cost}",
    "map_tree_cost": "effort {cost}",
    "map_legend_downgrade": (
        "repli : le métier demande nettement moins que l'autre n'en détient (ici, un passage "
        "déclaré par la fiche)"
    ),
    "report_title": "Rapport de mobilité : {source} → {target}",
    "report_meta": "esante {tool} · données {data} · modèle « {model} »",
    "model_default": ("modèle par défaut", "default model"),
    "model_named": ("modèle « {name} »", "model '{name}'"),
    "report_meta_default": (
        "esante {tool} · données {data} · modèle par défaut",
        "esante {tool} · data {data} · default model",
    ),
    "report_target": "Le métier visé",
    "report_source": "Le métier de départ",
    "report_purpose": "Finalité",
    "report_missions": "Missions principales",
    "report_other_titles": "Autres appellations",
    "report_levels": "Niveaux attendus",
    "report_source_of": "Source",
    "report_no_purpose": "La fiche de ce métier n'est pas dans les données.",
    "report_gap": "Ce qui sépare les deux métiers",
    "report_nothing": "Rien à gravir : le métier de départ couvre déjà chaque niveau demandé.",
    "report_routes": "Les meilleurs itinéraires",
    "report_no_route": "Aucun itinéraire ne relie ces deux métiers dans le graphe.",
    "report_route": (
        "Itinéraire {n} : effort {cost}, {hops}, {levels} à gravir, plus grand saut {jump}{stability}"
    ),
    "report_map": "Le voisinage du métier visé",
    "report_notes": "À lire avant d'utiliser ce rapport",
    "report_card_caveat": "La fiche OPIIEC dit de ses mobilités : « {note} »",
    "report_limits": (
        "L'effort chiffre un écart de compétences, pas une décision : il ignore les salaires, les "
        "formations disponibles, le marché de l'emploi et les préférences de la personne. Il ne "
        "compare les métiers que sur les 11 compétences de la fiche Spécialiste e-santé, pas sur "
        "les savoir-faire propres à chacun."
    ),
    # a person's report and the group workshop (issue 5, people)
    "report_person": "La personne",
    "report_anonymous": "Personne anonyme",
    "report_unnamed": "Personne sans nom",
    "report_pseudonym": "Personne {n}",
    "report_current_job": "Métier actuel",
    "report_no_current_job": "non renseigné",
    "report_own_levels": "Ses niveaux (auto-évalués, 0 à 4)",
    "report_chosen_target": "Métier visé",
    "report_target_best": "le plus proche de ses niveaux, hors métier actuel",
    "report_target_given": "choisi pour ce rapport",
    "report_closest": "Métiers les plus proches",
    "report_rank_kept": " · rang gardé dans {share} des tirages",
    "report_match_line": "{title} — acquis {held} · {band} · {move} · effort {cost}{stability}",
    "report_gap_person": "Ce qui sépare la personne du métier visé",
    "report_nothing_person": "Rien à gravir : la personne a déjà chaque niveau demandé.",
    "report_no_route_person": "Aucun itinéraire ne mène de la personne à ce métier dans le graphe.",
    "report_unassessed_mark": (
        "— dans la colonne « Actuel » : compétence non évaluée, comptée 0 (non acquis)."
    ),
    "report_map_current": "Sur la carte, le cadre épais signale le métier actuel de la personne.",
    "ws_heat_title_target": "Écarts du groupe au métier {title}",
    "ws_heat_title_best": "Écarts de chaque personne à son métier le plus proche",
    "ws_heat_subtitle": (
        "Données {version} · {model} · écart = niveau demandé par le métier − niveau de la personne"
    ),
    "ws_heat_group": "Groupe",
    "ws_heat_group_sub": "personnes à former",
    "ws_heat_total": "Niveaux à gravir",
    "ws_heat_cost": "Acquis · proximité",
    "ws_heat_met": "✓ niveau atteint ou dépassé",
    "ws_heat_gap_words": "niveaux à gravir",
    "ws_heat_blocking": "écart ≥ {n} : compétence bloquante (chiffre en gras)",
    "ws_heat_not_needed": "— le métier ne demande pas cette compétence",
    "ws_heat_unassessed": "? la personne n'a pas évalué cette compétence (comptée 0)",
    "ws_heat_estimate": (
        "* niveaux du métier estimés par les auteurs du jeu de données, pas des données de la "
        "fiche OPIIEC"
    ),
    "ws_progress": "Rapports",
    "ws_unassessed": "compétences non évaluées (comptées 0) : {people}",
    "ws_flat": (
        "toutes les réponses au même niveau (un profil plat se compare mal aux métiers ; à "
        "revoir avec la personne) : {people}"
    ),
    "ws_done_none": "aucun rapport écrit ; synthèse : {summary}",
    # import and batch (issue 6)
    "import_done": (
        "{out} : {jobs} métiers, {competences} compétences, {levels} niveaux attendus, "
        "{mobilities} mobilités"
    ),
    "import_model": (
        "modèle calibré sur ces données (couples d'un même groupe ISCO-08) : {model}, utilisé "
        "d'office par esante --data {out}"
    ),
    "templates_done": (
        "{out} : {files} écrits ; remplissez-les puis esante import csv {out} --output DOSSIER"
    ),
    # PDF: report --output FILE.pdf, workshop --pdf (issue 11, item 4)
    "pdf_missing": "le PDF demande WeasyPrint, qui n'est pas installé ; pour l'ajouter : {command}",
    "pdf_broken": (
        "WeasyPrint est installé mais ne se charge pas ({reason}) ; il lui faut la bibliothèque "
        "Pango : sudo apt install libpango-1.0-0 libpangoft2-1.0-0"
    ),
    "pdf_old": (
        "WeasyPrint {version} est trop ancien pour le PDF (il faut la version {oldest} ou plus) ; "
        "pour le mettre à jour : {command}"
    ),
    "pdf_with_md": "--pdf et --format md ne vont pas ensemble : les rapports sont en PDF ou en Markdown",
    "pdf_group_title": "Atelier : les rapports du groupe",
    "ws_pdf_group": (
        "tous les rapports en un PDF, à imprimer en une fois (recto verso : chacun commence sur sa "
        "propre feuille) : {path}"
    ),
    # spreadsheets (issue 11, item 2): CSV for French Excel (--csv-dialect excel-fr), .xlsx
    "csv_yes": "oui",
    "csv_no": "non",
    "csvh_id": "Identifiant",
    "csvh_title": "Métier",
    "csvh_label": "Compétence",
    "csvh_family": "Famille",
    "csvh_card_levels": "Niveaux de la fiche",
    "csvh_estimated_levels": "Niveaux estimés",
    "csvh_level_1": "Niveau 1",
    "csvh_level_2": "Niveau 2",
    "csvh_level_3": "Niveau 3",
    "csvh_level_4": "Niveau 4",
    "csvh_expected_level": "Niveau attendu",
    "csvh_jobs_with_level": "Métiers qui l'attendent",
    "csvh_provenance": "Provenance",
    "csvh_reason": "Raison",
    "csvh_example": "Exemple concret",
    "csvh_problem": "Problème",
    "csvh_current": "Actuel",
    "csvh_required": "Requis",
    "csvh_held": "Détenu",
    "csvh_delta": "Écart",
    "csvh_to_learn": "À apprendre",
    "csvh_differs": "Diffère",
    "csvh_rank": "Rang",
    "csvh_of": "Sur",
    "csvh_band": "Proximité",
    "csvh_band_left_out": "Proximité si on la retire",
    "csvh_move": "Sens du passage",
    "csvh_kind": "Lien",
    "csvh_cost": "Effort",
    "csvh_cost_low": "Effort (bas)",
    "csvh_cost_high": "Effort (haut)",
    "csvh_reverse_cost": "Effort du retour",
    "csvh_stability": "Stabilité",
    "csvh_coverage": "Acquis",
    "csvh_reachable": "Passage direct dans les seuils",
    "csvh_levels_to_climb": "Niveaux à gravir",
    "csvh_blocking_competences": "Compétences bloquantes",
    "csvh_blocking": "Bloquantes",
    "csvh_strengths": "Points forts",
    "csvh_gaps": "Écarts",
    "csvh_climb": "À gravir (partie de l'effort)",
    "csvh_max_jump": "Plus grand saut",
    "csvh_unused": "Niveaux inutilisés",
    "csvh_unused_share": "Part inutilisée",
    "csvh_similarity": "Similarité",
    "csvh_factor": "Facteur",
    "csvh_hop_penalty": "Pénalité d'étape",
    "csvh_compared": "Compétences comparées",
    "csvh_declared": "Déclaré par la fiche",
    "csvh_computed": "Calculé",
    "csvh_weighted": "Effort pondéré",
    "csvh_ring": "Anneau",
    "csvh_direction": "Sens",
    "csvh_side": "Côté",
    "csvh_declared_provenance": "Provenance du lien",
    "csvh_route": "Itinéraire",
    "csvh_route_cost": "Effort de l'itinéraire",
    "csvh_step": "Étape",
    "csvh_from": "De (id)",
    "csvh_to": "Vers (id)",
    "csvh_from_title": "De",
    "csvh_to_title": "Vers",
    "csvh_rises": "Niveaux à monter",
    "csvh_kept": "Niveaux au-delà du besoin",
    "csvh_rank_before": "Rang avant",
    "csvh_rank_after": "Rang après",
    "csvh_coverage_before": "Acquis avant",
    "csvh_coverage_after": "Acquis après",
    "csvh_cost_before": "Effort avant",
    "csvh_cost_after": "Effort après",
    "csvh_band_before": "Proximité avant",
    "csvh_band_after": "Proximité après",
    "csvh_move_before": "Sens avant",
    "csvh_move_after": "Sens après",
    "csvh_levels_before": "Niveaux à gravir avant",
    "csvh_levels_after": "Niveaux à gravir après",
    "csvh_blocking_before": "Bloquantes avant",
    "csvh_blocking_after": "Bloquantes après",
    "csvh_reachable_before": "Accessible avant",
    "csvh_reachable_after": "Accessible après",
    "csvh_changes": "Changements",
    "csvh_before": "Niveau avant",
    "csvh_after": "Niveau après",
    "csvh_newly_reachable": "Nouveaux métiers en une étape",
    "csvh_closeness_gain": "Acquis gagné (points)",
    "csvh_newly_routed": "Nouveaux itinéraires",
    "csvh_route_gain": "Effort gagné sur les itinéraires",
    "csvh_closer": "Métiers rapprochés",
    "csvh_unblocked": "Débloqués",
    "csvh_person": "Personne",
    "csvh_name": "Nom",
    "csvh_source": "Source",
    "csvh_status": "Statut",
    "csvh_current_job": "Métier actuel (id)",
    "csvh_current_job_title": "Métier actuel",
    "csvh_current_job_text": "Métier actuel (texte libre)",
    "csvh_best_match": "Métier le plus proche (id)",
    "csvh_best_match_title": "Métier le plus proche",
    "csvh_best_match_cost": "Effort vers le plus proche",
    "csvh_best_match_band": "Proximité du plus proche",
    "csvh_best_match_move": "Sens vers le plus proche",
    "csvh_target": "Métier visé (id)",
    "csvh_target_title": "Métier visé",
    "csvh_unassessed": "Non évaluées",
    "csvh_report": "Rapport",
    "xlsx_summary_sheet": "Synthèse",
    "xlsx_matrix_sheet": "Matrice",
    "xlsx_too_long": (
        "la forme long compte {rows} lignes, plus qu'une feuille de tableur n'en tient ({limit}) : "
        "--layout square, ou un CSV"
    ),
    "xlsx_too_wide": (
        "{columns} colonnes, plus qu'une feuille de tableur n'en tient ({limit}) : écrivez un CSV"
    ),
    "xlsx_needs_output": "un classeur .xlsx s'écrit dans un fichier : --output FICHIER.xlsx",
    "xlsx_not_json": "'{output}' : un fichier .xlsx ne s'écrit pas en --format json",
}

# key -> the French singular and plural of a count (:func:`tn`; the key is the msgctxt).
_PLURALS: dict[str, tuple[str, str]] = {
    # issue 12: how connected an imported graph of moves is
    "import_graph": (
        "graphe des passages : {n} composante connexe, la plus grande de {largest} sur {jobs} ; "
        "sans aucun passage (ni vers eux, ni depuis eux) : {isolated}",
        "graphe des passages : {n} composantes connexes, la plus grande de {largest} sur {jobs} ; "
        "sans aucun passage (ni vers eux, ni depuis eux) : {isolated}",
    ),
    "n_levels": ("{n} niveau", "{n} niveaux"),
    "n_jobs": ("{n} métier", "{n} métiers"),
    "n_competences": ("{n} compétence", "{n} compétences"),
    "n_steps": ("{n} étape", "{n} étapes"),
    "n_assessed_already": ("{n} compétence déjà évaluée", "{n} compétences déjà évaluées"),
    "invalid": ("{n} problème dans le jeu de données", "{n} problèmes dans le jeu de données"),
    "left_out": (
        "{n} autre métier, classé plus loin, non affiché (--top N pour en voir plus).",
        "{n} autres métiers, classés plus loin, non affichés (--top N pour en voir plus).",
    ),
    "lev_raises_left_out": (
        "{n} autre compétence, d'effet moindre, non affichée (--top N pour en voir plus).",
        "{n} autres compétences, d'effet moindre, non affichées (--top N pour en voir plus).",
    ),
    "and_more": ("… et {n} autre", "… et {n} autres"),
    "hidden_downgrades": (
        "{n} repli non affiché : un métier qui demande nettement moins que le départ n'en détient "
        "(--include-downgrades pour le voir, après les autres).",
        "{n} replis non affichés : des métiers qui demandent nettement moins que le départ n'en "
        "détient (--include-downgrades pour les voir, après les autres).",
    ),
    "hidden_downgrades_person": (
        "{n} repli non affiché : un métier qui demande nettement moins que ce que la personne "
        "détient (--include-downgrades pour le voir, après les autres).",
        "{n} replis non affichés : des métiers qui demandent nettement moins que ce que la "
        "personne détient (--include-downgrades pour les voir, après les autres).",
    ),
    "fewer_routes": (
        "{n} chemin trouvé sur les {k} demandés.",
        "{n} chemins trouvés sur les {k} demandés.",
    ),
    "as_saved": (
        "Profil enregistré dans {file} : {n}/{total} compétence évaluée.",
        "Profil enregistré dans {file} : {n}/{total} compétences évaluées.",
    ),
    "as_stopped": (
        "Profil écrit sur la sortie standard : {n}/{total} compétence évaluée.",
        "Profil écrit sur la sortie standard : {n}/{total} compétences évaluées.",
    ),
    "as_missing": (
        "{n} compétence sans réponse (comptée 0) : relancez « esante assess --output {file} » pour "
        "la compléter.",
        "{n} compétences sans réponse (comptées 0) : relancez « esante assess --output {file} » "
        "pour les compléter.",
    ),
    "w_unassessed": (
        "{n} compétence non évaluée, comptée 0 (non acquise) : {ids}",
        "{n} compétences non évaluées, comptées 0 (non acquises) : {ids}",
    ),
    # the picture's words: no option in a map read by participants (issue 11)
    "map_hidden_downgrades_picture": (
        "{n} repli calculé non dessiné : un métier qui demande nettement moins.",
        "{n} replis calculés non dessinés : des métiers qui demandent nettement moins.",
    ),
    "map_hidden_downgrades": (
        "{n} repli calculé non dessiné : un métier qui demande nettement moins "
        "(--include-downgrades pour le voir).",
        "{n} replis calculés non dessinés : des métiers qui demandent nettement moins "
        "(--include-downgrades pour les voir).",
    ),
    "report_own_levels_value": (
        "{n} compétence évaluée sur {total}",
        "{n} compétences évaluées sur {total}",
    ),
    "ws_done": (
        "{n} rapport écrit dans {dir} ; synthèse : {summary} ; carte des écarts : {heatmap}",
        "{n} rapports écrits dans {dir} ; synthèse : {summary} ; carte des écarts : {heatmap}",
    ),
    "ws_columns_ignored": (
        "{file} : ligne {line} : colonne ignorée, ni nom, ni métier, ni compétence du catalogue : "
        "{columns}",
        "{file} : ligne {line} : colonnes ignorées, ni nom, ni métier, ni compétence du catalogue "
        ": {columns}",
    ),
}


def t(key: str, lang: Lang | str | None = None) -> str:
    """The words of ``key`` in ``lang`` (None: the current language). The key of a count
    (``_PLURALS``) gives its plural: :func:`tn` says the count."""
    entry = _WORDS.get(key)
    chosen = lang or current_lang()
    if entry is None:  # a count: its plural, '{n}' left for the caller
        one, many = _PLURALS[key]
        return catalogue(DOMAIN, chosen).npgettext(key, one, many, 2)
    french, english = entry if isinstance(entry, tuple) else (entry, None)
    if chosen == Lang.fr:
        return french
    found = catalogue(DOMAIN, chosen).pgettext(key, french)
    return english if english is not None and found == french else found


def tn(key: str, n: int, lang: Lang | str | None = None) -> str:
    """The words of the count ``key`` for ``n`` (``{n}`` in them is the count, formatted as
    ``lang`` writes it), by the plural rule of ``lang``: '1 étape', '2 étapes'."""
    one, many = _PLURALS[key]
    chosen = lang or current_lang()
    text = catalogue(DOMAIN, chosen).npgettext(key, one, many, n)
    return text.replace("{n}", integer(n, chosen))


def some(names: list[str], lang: Lang | str | None = None, limit: int = 12) -> str:
    """The first ``limit`` names, comma-separated, and how many more there are: a list of
    13,870 unassessed competences (an ESCO-size dataset) must not fill the screen."""
    shown = ", ".join(names[:limit])
    if len(names) > limit:
        shown += " " + tn("and_more", len(names) - limit, lang)
    return shown


def model_words(name: str, lang: Lang | str | None = None) -> str:
    """How a picture or a report names the model: 'modèle par défaut', 'modèle « esco »'."""
    if name == "default":
        return t("model_default", lang)
    return t("model_named", lang).format(name=name)


def has_words(key: str) -> bool:
    """Whether ``key`` names words of the interface (not a count)."""
    return key in _WORDS
