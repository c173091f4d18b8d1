"""On a dataset of more than LIST_ALL_UP_TO jobs, rankings list the first LARGE_LIST by default
and say how many they left out; ``top`` still chooses; lists in notes are cut short."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.dataset import load_dataset
from esante_cli.i18n import Lang, some, tn
from esante_cli.importers import write_dataset
from esante_cli.importers.esco import import_esco
from esante_cli.profiles import load_profile
from esante_cli.queries.people import leverage, match_jobs, what_if
from esante_cli.results.base import LARGE_LIST, LIST_ALL_UP_TO


@pytest.fixture(scope="module")
def large(small_esco, tmp_path_factory):
    folder = write_dataset(import_esco(small_esco), tmp_path_factory.mktemp("esco") / "data")
    ds = load_dataset(folder)
    comps = [c.id for c in ds.levelled_competences[:6]]
    profile = tmp_path_factory.mktemp("p") / "p.yaml"
    profile.write_text(
        "name: Test\ncompetences:\n"
        + "".join(f"  {c}: {1 + k % 4}\n" for k, c in enumerate(comps)),
        encoding="utf-8",
    )
    return folder, ds, profile


def test_match_lists_the_first_ones_and_counts_the_rest(large):
    _folder, ds, path = large
    person = load_profile(path, ds)
    n = len(ds.jobs)
    assert n > LIST_ALL_UP_TO
    short = match_jobs(ds, person, draws=0)
    assert (short.top, len(short.matches)) == (LARGE_LIST, LARGE_LIST)
    assert short.left_out + short.hidden_downgrades + LARGE_LIST == n
    every = match_jobs(ds, person, top=n, draws=0)
    assert every.left_out == 0 and len(every.matches) == n - every.hidden_downgrades
    assert [m.id for m in every.matches[:LARGE_LIST]] == [m.id for m in short.matches]


def test_whatif_and_leverage_keep_the_first_ones(large):
    _folder, ds, path = large
    person = load_profile(path, ds)
    comp = ds.levelled_competences[0].id
    far = ds.jobs[-1].id
    w = what_if(ds, person, [comp], target=far)
    assert w.left_out == len(ds.jobs) - LARGE_LIST
    assert len(w.jobs) in (LARGE_LIST, LARGE_LIST + 1) and far in {r.id for r in w.jobs}
    lev = leverage(ds, person)
    every = leverage(ds, person, top=10_000)
    assert len(lev.raises) == min(LARGE_LIST, len(every.raises))
    assert lev.raises_left_out == len(every.raises) - len(lev.raises) > 0
    assert [r.id for r in lev.raises] == [r.id for r in every.raises[:LARGE_LIST]]


def test_the_table_says_what_it_left_out(large):
    folder, ds, path = large
    r = CliRunner().invoke(app, ["--data", str(folder), "match", str(path)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    n = len(ds.jobs)
    hidden = match_jobs(ds, load_profile(path, ds), draws=0).hidden_downgrades
    said = tn("left_out", n - LARGE_LIST - hidden)  # '1 234 autres métiers', grouped
    assert said.split(",")[0] in r.stdout
    r = CliRunner().invoke(
        app, ["--data", str(folder), "leverage", str(path)], env={"COLUMNS": "200"}
    )
    assert r.exit_code == 0, r.output
    assert f"Les {n - LARGE_LIST} autres métiers visés" in r.stdout


def test_long_lists_in_notes_are_cut_short():
    names = [f"c{k}" for k in range(20)]
    assert some(names[:12]) == ", ".join(names[:12])
    assert some(names) == ", ".join(names[:12]) + " … et 8 autres"
    assert some(names, Lang.en, limit=2) == "c0, c1 … and 18 more"


def test_a_card_and_a_comparison_list_the_jobs_competences(large):
    """On a catalogue of hundreds of competences, a card lists the job's own (in catalogue
    order) and a comparison those one of the jobs lists; the bundled card lists them all."""
    from esante_cli.queries.card import job_card
    from esante_cli.queries.mobility import compare_jobs

    _folder, ds, _ = large
    assert len(ds.competences) > LIST_ALL_UP_TO
    order = {c.id: k for k, c in enumerate(ds.competences)}
    a, b = ds.jobs[0], ds.jobs[1]
    card = job_card(ds, a.id)
    own = sorted({jc.id for jc in a.competences}, key=order.get)
    assert [c.id for c in card.competences] == own
    both = compare_jobs(ds, [a.id, b.id])
    levelled = {c.id for c in ds.levelled_competences}
    listed = {jc.id for j in (a, b) for jc in j.competences if jc.id in levelled}
    assert {c.id for c in both.competences} == listed
    bundled = load_dataset()
    assert len(job_card(bundled, "data-scientist").competences) == len(bundled.competences)


def test_a_target_beyond_the_first_ones_is_listed_and_reported(large):
    """match --target lists a job ranked beyond the first ones (last, with its rank), and a
    person's report about such a job works (it looked for it among the first 20)."""
    from esante_cli.queries.visual import person_report

    _folder, ds, path = large
    person = load_profile(path, ds)
    every = match_jobs(ds, person, top=len(ds.jobs), include_downgrades=True, draws=0)
    far = every.matches[-1]
    short = match_jobs(ds, person, include_downgrades=True, target=far.id, draws=0)
    assert len(short.matches) == LARGE_LIST + 1
    assert (short.matches[-1].id, short.matches[-1].rank) == (far.id, far.rank)
    report = person_report(ds, person, far.id)
    assert report.target.job.id == far.id and report.gap.target.id == far.id
