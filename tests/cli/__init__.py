"""Tests of the command line: commands, formats, exit codes, the installed command."""
