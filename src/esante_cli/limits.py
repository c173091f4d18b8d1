"""The bounds of what the tool reads and computes (README, "Codes de sortie" lists them): each
kind of file has a size limit, names and batch lines a length, nested data a depth, and the
options that ask for more work a maximum. Past a bound, one line and a documented exit code."""

from __future__ import annotations

# Each kind of file has a size limit: a profile or a model file is a few kilobytes, a dataset
# at the size of ESCO 35 MB. A larger dataset or import raises the limit with
# ESANTE_MAX_DATA_MB; the others have no reason to grow.
MB = 1024 * 1024
DATA_ENV = "ESANTE_MAX_DATA_MB"
LIMITS: dict[str, int] = {
    "data": 512 * MB,  # metier.json, mobilites.json, the files an import reads
    "profile": 1 * MB,
    "model": 1 * MB,
    "group": 16 * MB,  # a workshop's group CSV
    "batch": 1 << 62,  # a batch file is read a line at a time: no limit but MAX_LINE
}
MAX_NAME = 1000  # characters of a job or competence name (the longest ESCO title: 200)
MAX_LINE = 1 * MB  # bytes of one batch query line
MAX_DEPTH = 100  # nesting of a profile (YAML or JSON); other JSON and TOML: Python's own limit
MAX_K = 100  # routes asked for (paths, map, report, workshop --k)
MAX_DRAWS = 10_000  # draws of the stability (--draws, a model's uncertainty.draws)
# The largest weight (and detour factor) a model file may give: costs stay finite numbers,
# however many levels a route climbs.
MAX_WEIGHT = 1e6
