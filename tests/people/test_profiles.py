"""Profile files: reading (YAML and JSON), every bad input as one clear line, writing, the
template, and the question-and-answer state of a self-assessment."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli.errors import ExitCode, InputError
from esante_cli.profiles import (
    Assessment,
    Profile,
    current_job_fields,
    dump_profile,
    load_profile,
    parse_profile,
    profile_template,
)

from .conftest import CHAIN

# -- reading ---------------------------------------------------------------------------------


def test_yaml_and_json_give_the_same_profile(chain, write):
    """The same profile in YAML and in JSON loads to the same model."""
    yaml_file = write(
        "p.yaml",
        "name: Ana\ncurrent_job: Job B\ncompetences:\n  alpha: 2\n"
        "  beta: {level: 0, note: jamais}\n  gamma: {note: libre}\n"
        "notes: rien\n",
    )
    json_file = write(
        "p.json",
        '{"name": "Ana", "current_job": "b", "competences": {"alpha": 2,'
        ' "beta": {"level": 0, "note": "jamais"}, "gamma": {"note": '
        '"libre"}}, "notes": "rien"}',
    )
    one, two = load_profile(yaml_file, chain), load_profile(json_file, chain)
    assert one == two
    assert one.current_job == "b"
    assert one.levels == {"alpha": 2, "beta": 0}
    assert one.entry("gamma").note == "libre" and one.level("gamma") is None


def test_competences_by_label_resolve_to_ids(chain):
    """A competence may be named by its label, accents and case ignored."""
    profile = parse_profile("competences:\n  BETA: 3\n  Alpha: 1\n", chain)
    assert [(e.id, e.level) for e in profile.competences] == [("alpha", 1), ("beta", 3)]


def test_unassessed_and_flat(chain):
    """Missing competences are listed; equal levels make a flat profile."""
    profile = parse_profile("competences: {alpha: 3, beta: null}\n", chain)
    assert profile.unassessed(chain) == ["beta"]
    assert not profile.flat  # one level is no spread to speak of
    assert parse_profile("competences: {alpha: 3, beta: 3}\n", chain).flat


@pytest.mark.parametrize(
    ("written", "job", "text"),
    [
        ("b", "b", None),
        ("JOB B", "b", None),
        ("Job Z", None, "Job Z"),  # a job of another dataset
        ("Job", None, "Job"),  # a word of every title: no guess
        ("Jo B", None, "Jo B"),  # a typo of 'Job B' is not taken either
        ("  Aide-soignante   de nuit ", None, "Aide-soignante de nuit"),
    ],
)
def test_current_job_is_matched_exactly_or_kept_as_free_text(chain, written, job, text):
    """A current job naming a job exactly is its id; anything else is kept as written (one
    line, spaces tidied), never refused and never mapped by a guess."""
    profile = parse_profile(f"current_job: {written!r}\ncompetences: {{alpha: 1}}\n", chain)
    assert (profile.current_job, profile.current_job_text) == (job, text)


@pytest.mark.parametrize(
    ("written", "job", "text"),
    [
        ("Chef de projet", None, "Chef de projet"),  # once taken for Spécialiste e-santé
        ("Infirmière", None, "Infirmière"),  # once an error (exit 3)
        ("devops", None, "devops"),
        ("Chef de projet e-santé", "specialiste-e-sante", None),  # an other title, exactly
        ("DATA SCIENTIST", "data-scientist", None),
        ("Développeur applications", "developpeur-applications", None),
    ],
)
def test_current_job_on_the_bundled_data(real, written, job, text):
    """On the bundled data: only exact names of a job are taken; the rest is free text."""
    profile = parse_profile(f"current_job: {written}\ncompetences: {{risques: 1}}\n", real)
    assert (profile.current_job, profile.current_job_text) == (job, text)


def test_a_profile_cannot_hold_both_a_job_and_free_text():
    """current_job (an id) and current_job_text exclude each other."""
    with pytest.raises(ValueError, match="s'excluent"):
        Profile(current_job="b", current_job_text="Infirmière")


def test_free_text_current_job_is_written_back(chain):
    """dump_profile writes the free text back (YAML with a comment, JSON), and it reads back."""
    profile = parse_profile("current_job: Infirmière\ncompetences: {alpha: 1}\n", chain)
    yaml_text = dump_profile(profile, chain, "yaml")
    assert 'current_job: "Infirmière"  # hors du jeu de données : gardé tel quel' in yaml_text
    assert '"current_job": "Infirmière"' in dump_profile(profile, chain, "json")
    for fmt in ("yaml", "json"):
        text = dump_profile(profile, chain, fmt)  # type: ignore[arg-type]
        back = parse_profile(text, chain, fmt=fmt)  # type: ignore[arg-type]
        assert (back.current_job, back.current_job_text) == (None, "Infirmière")


def test_an_empty_mapping_is_a_profile_with_nothing_assessed(chain):
    """'{}' is valid: every levelled competence is unassessed."""
    assert parse_profile("{}", chain).unassessed(chain) == ["alpha", "beta"]


# The bad-input table: every case exits 3 with one line naming the file and the field.
BAD = [
    (
        "level7.yaml",
        "competences:\n  alpha: 7\n",
        "ligne 2 : competences.alpha : le niveau doit être entre 0 et 4, reçu 7",
    ),
    ("negative.yaml", "competences:\n  alpha: -1\n", "entre 0 et 4, reçu -1"),
    (
        "text.yaml",
        "competences:\n  beta: trois\n",
        "ligne 2 : competences.beta : le niveau doit être un nombre entier de 0 à 4, reçu 'trois'",
    ),
    (
        "float.yaml",
        "competences:\n  beta: 2.5\n",
        "competences.beta : le niveau doit être un nombre entier de 0 à 4, reçu 2.5",
    ),
    ("bool.yaml", "competences:\n  beta: yes\n", "reçu true"),
    (
        "quoted.json",
        '{"competences": {"alpha": "3"}}',
        "competences.alpha : le niveau doit être un nombre entier de 0 à 4, reçu '3'",
    ),
    (
        "nested.yaml",
        "competences:\n  alpha:\n    level: 9\n",
        "ligne 3 : competences.alpha.level : le niveau doit être entre 0 et 4",
    ),
    (
        "unknown.yaml",
        "competences:\n  alpah: 2\n",
        "ligne 2 : competences.alpah : compétence inconnue « alpah » ; vouliez-vous dire : Alpha "
        "(alpha)",
    ),
    (
        "unlevelled.yaml",
        "competences:\n  gamma: 2\n",
        "ligne 2 : competences.gamma : la compétence « gamma » n'a pas de niveaux",
    ),
    (
        "twice.yaml",
        "competences:\n  alpha: 1\n  Alpha: 2\n",
        "ligne 3 : competences.Alpha : désigne la même compétence « alpha »",
    ),
    (
        "duplicate.yaml",
        "competences:\n  alpha: 1\n  alpha: 2\n",
        "ligne 3 : competences.alpha : donné deux fois",
    ),
    ("duplicate.json", '{"name": "a", "name": "b"}', "name : donné deux fois"),
    ("field.yaml", "nom: Ana\n", "ligne 1 : nom : champ inconnu (vouliez-vous dire « name » ?)"),
    (
        "subfield.yaml",
        "competences:\n  alpha: {levle: 2}\n",
        "competences.alpha.levle : champ inconnu (vouliez-vous dire « level » ?)",
    ),
    ("name.yaml", "name: [a, b]\n", "ligne 1 : name : doit être un texte, reçu une liste"),
    ("list.yaml", "competences: [alpha]\n", "ligne 1 : competences : doit être une table"),
    ("root.yaml", "- alpha\n- beta\n", "(racine) : doit être une table de champs"),
    ("syntax.yaml", "competences: {alpha: 2\n", "YAML invalide"),
    ("syntax.json", '{"competences": }', "ligne 1, colonne 17 : JSON invalide"),
    ("empty.yaml", "", "le fichier est vide"),
    ("blank.yaml", "  \n\n", "le fichier est vide"),
    ("comments.yaml", "# nothing here\n", "ne contient pas de profil"),
    ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "fichier binaire"),
    ("latin1.yaml", "name: Zo\xe9\n".encode("latin-1"), "texte non UTF-8"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_profile_is_one_line_naming_file_and_field(invoke, write, name, content, expected):
    """Exit 3, one 'esante : erreur :' line on stderr with the file (and field), no
    traceback."""
    path = write(name, content)
    result = invoke("--data", str(CHAIN), "match", str(path))
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"esante : erreur : {path} : ")
    assert expected in lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_a_directory_or_a_missing_file_exits_3(invoke, tmp_path):
    """A directory instead of a file, or no file at all: exit 3, one line."""
    for path, expected in (
        (tmp_path, "c'est un dossier, pas un fichier"),
        (tmp_path / "absent.yaml", "fichier introuvable"),
    ):
        result = invoke("--data", str(CHAIN), "match", str(path))
        assert result.exit_code == ExitCode.INVALID_INPUT
        assert result.stderr.splitlines() == [f"esante : erreur : {path} : {expected}"]


def test_json_errors_name_the_line_too(chain, write):
    """A bad level in a JSON file written over several lines names its line."""
    path = write("p.json", '{\n  "competences": {\n    "alpha": 1,\n    "beta": 8\n  }\n}\n')
    with pytest.raises(InputError, match=r"p\.json : ligne 4 : competences\.beta : le niveau doit"):
        load_profile(path, chain)


def test_the_first_problem_in_the_file_is_the_one_reported(chain):
    """Several problems: the one on the earliest line; on one line, a name before its value."""
    with pytest.raises(
        InputError, match=r"ligne 2 : competences\.alpha : le niveau doit être entre"
    ):
        parse_profile("competences:\n  alpha: 9\nname: [x]\nnom: Ana\n", chain)
    with pytest.raises(InputError, match=r"ligne 2 : competences\.alpah : compétence inconnue"):
        parse_profile("competences:\n  alpah: 9\n", chain)


# -- writing ---------------------------------------------------------------------------------

names = st.one_of(
    st.none(),
    st.text(min_size=1, max_size=30).filter(
        lambda s: s.strip() and "\n" not in s.strip() and "\r" not in s.strip()
    ),
)
notes = st.one_of(st.none(), st.text(min_size=1, max_size=60).filter(lambda s: s.strip()))
levels = st.one_of(st.none(), st.integers(0, 4))
jobs = st.one_of(st.just("c"), st.just("Job C"), names)


@settings(max_examples=60, deadline=None)
@given(
    name=names,
    alpha=levels,
    beta=levels,
    note=notes,
    gamma_note=notes,
    text=notes,
    fmt=st.sampled_from(["yaml", "json"]),
    job=jobs,
)
def test_dump_then_parse_gives_the_profile_back(
    chain, name, alpha, beta, note, gamma_note, text, fmt, job
):
    """Any profile written by esante (YAML or JSON) reads back the same, whatever its text
    (its current job a job of the dataset, or free text)."""
    profile = Profile(
        name=name.strip() if name else None, notes=text, **current_job_fields(chain, job)
    ).with_levels(chain, {"alpha": alpha, "beta": beta})
    entries = {e.id: e for e in profile.competences}
    entries["beta"] = entries["beta"].model_copy(update={"note": note})
    entries["gamma"] = entries["beta"].model_copy(
        update={"id": "gamma", "level": None, "note": gamma_note}
    )
    profile = profile.model_copy(
        update={"competences": [entries[c] for c in ("alpha", "beta", "gamma")]}
    )
    back = parse_profile(dump_profile(profile, chain, fmt), chain, fmt=fmt)

    def norm(p: Profile) -> tuple:
        strip = lambda s: s.strip() or None if s else None
        return (
            p.name,
            p.current_job,
            p.current_job_text,
            strip(p.notes),
            {
                (e.id, e.level, strip(e.note))
                for e in p.competences
                if e.level is not None or e.note
            },
        )

    assert norm(back) == norm(profile)


def test_dump_writes_every_levelled_competence_with_its_label(chain):
    """Unassessed competences are written null; a level's descriptor is its comment."""
    text = dump_profile(parse_profile("competences: {alpha: 2}\n", chain), chain)
    assert "  alpha: 2  # Alpha — 2. Alpha niveau 2" in text
    assert "  beta: null  # Bêta (non évaluée)" in text
    assert "gamma" not in text  # no level, no note: nothing to write


def test_template_loads_with_nothing_assessed(real):
    """The template (YAML and JSON) is a valid profile with every competence unassessed, and
    shows each competence's four levels."""
    for fmt in ("yaml", "json"):
        profile = parse_profile(profile_template(real, fmt), real, fmt=fmt)
        assert len(profile.unassessed(real)) == len(real.levelled_competences) == 11
    text = profile_template(real)
    for comp in real.levelled_competences:
        assert f"  {comp.id}: null" in text
        assert f"#   4. {' '.join(comp.levels[3].split())}" in text


def test_template_in_english(real):
    """--lang en writes the template's comments in English."""
    assert "replace each null with your level" in profile_template(real, lang="en")


# -- the self-assessment's state -----------------------------------------------------------


def test_assessment_answers_skip_back_and_quit(chain):
    """Levels set and move on; skip moves on; back returns; help and bad words stay put."""
    session = Assessment(chain)
    assert [c.id for c in session.questions] == ["alpha", "beta"]
    assert session.reply("b").kind == "first"
    assert session.reply("?").kind == "help" and session.index == 0
    assert session.reply("7").kind == "invalid" and session.index == 0
    assert session.reply("deux").kind == "invalid"
    assert session.reply(" 3 \n").kind == "answered" and session.index == 1
    assert session.reply("b").kind == "back" and session.current.id == "alpha"
    assert session.reply("").kind == "skipped"  # keeps alpha's 3
    assert session.reply("0").kind == "answered" and session.done
    assert session.profile().levels == {"alpha": 3, "beta": 0}


def test_assessment_quit_keeps_what_was_answered(chain):
    """'q' stops; the profile holds the answers given so far."""
    session = Assessment(chain)
    session.reply("2")
    assert session.reply("q").kind == "quit"
    assert session.profile().levels == {"alpha": 2}
    assert session.missing == ["beta"]


def test_assessment_resumes_only_the_missing(chain):
    """Started from a partial profile, it asks only the unassessed competences; with redo,
    it asks them all."""
    start = parse_profile("name: Ana\ncompetences: {alpha: 1}\n", chain)
    assert [c.id for c in Assessment(chain, start).questions] == ["beta"]
    assert [c.id for c in Assessment(chain, start, redo=True).questions] == ["alpha", "beta"]
    session = Assessment(chain, start)
    session.reply("4")
    assert session.profile().name == "Ana"
    assert session.profile().levels == {"alpha": 1, "beta": 4}


# -- what a person editing a profile reads when it is wrong ----------------------------------


@pytest.mark.parametrize(
    ("text", "french", "english"),
    [
        ("name: x\ncompetences: a: b\n", "« : » inattendu", "unexpected ':'"),
        ("name: A\n  current_job: x\n", "un décalage de trop", "one indent too many"),
        ("name: x\ncompetences:\n\tcycle-de-vie: 2\n", "une tabulation", "a tab"),
        ("name: x\ncompetences: {a: 1\n", "accolade « { » non fermée", "unclosed '{'"),
        ('name: "x\n', "s'arrête au milieu d'une valeur", "ends in the middle of a value"),
    ],
)
def test_broken_yaml_is_said_in_the_language(invoke, tmp_path, text, french, english):
    """PyYAML's problems a person makes most (a colon in a value, a tab, an unclosed brace or
    quote) are said in the interface's words, with the line and column; no parser English in
    French."""
    profile = tmp_path / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    fr = invoke("match", str(profile))
    assert fr.exit_code == ExitCode.INVALID_INPUT
    assert "YAML invalide (" in fr.stderr and french in fr.stderr and "ligne " in fr.stderr
    assert not any(w in fr.stderr for w in ("found", "expected", "allowed", "while"))
    en = invoke("--lang", "en", "match", str(profile))
    assert "invalid YAML (" in en.stderr and english in en.stderr


def test_a_workbook_is_not_a_profile(invoke, tmp_path):
    """A workbook given where a profile goes: said, with how workshop reads a group (once the
    workbook is saved as CSV: workshop reads no workbook)."""
    book = tmp_path / "groupe.xlsx"
    book.write_bytes(b"PK\x03\x04")
    result = invoke("match", str(book))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "un classeur se lit une fois enregistré en CSV" in result.stderr


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".CSV"])
def test_a_group_sheet_is_not_a_profile(invoke, tmp_path, suffix):
    """A group's table given where one person's profile goes: one line that says what a profile
    is and which command reads the table, before reading it."""
    sheet = tmp_path / f"groupe{suffix}"
    sheet.write_text("name;current_job;cycle-de-vie\nAna;;2\n", encoding="utf-8")
    result = invoke("match", str(sheet))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.strip() == (
        f"esante : erreur : {sheet} : un profil est un fichier YAML ou JSON ; le tableau d'un "
        f"groupe se lit avec « esante workshop {sheet} »"
    )


def test_a_long_value_is_cut_in_a_message(invoke, tmp_path):
    """A value quoted in an error is cut at 60 characters: a whole file read as one text
    (a table with ';' where a profile goes) does not fill the screen."""
    profile = tmp_path / "p.yaml"
    profile.write_text("x" * 500 + "\n", encoding="utf-8")
    result = invoke("match", str(profile))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "x" * 57 + "...'" in result.stderr
    assert "x" * 58 not in result.stderr
