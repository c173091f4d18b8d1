"""The cyclic garbage collector during a command's start-up.

Starting a command makes a few hundred thousand objects that live as long as the process:
modules, classes, pydantic's schemas, the dataset. The collector's passes over them find nothing
to free and cost 8 ms of every command (``paths``: 91 passes, 10.5 ms in all, measured). So
the ``esante`` process starts with the collector paused; once the data is read, every object
made so far is set aside for good (``gc.freeze``: no pass walks them again) and the collector
resumes, for the work itself (drawing a map or a PDF makes reference cycles: a workshop of 30
people takes 23 % more memory without the collector). ``batch`` resumes it before its first
query (its own sessions read the data; a stream of queries may last). A command that reads no
dataset (help, version, schemas, import) runs without it: import esco at 3,000 occupations
peaks at the same memory either way (377 MB), 6 % faster.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Pause the collector for the start-up of the process's command."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The start-up is over: set aside what it made, and collect again (if :func:`pause` paused
    the collector; nothing otherwise)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
