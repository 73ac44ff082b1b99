"""argparse in Dutch: its own phrases ("usage:", "options", error messages) translated.

argparse looks its phrases up through ``gettext`` (``argparse._``) at the moment it
builds a parser, formats help or reports an error. :class:`NlArgumentParser` swaps in
:func:`vertaal` for exactly those moments and puts the original back afterwards, so
other argparse users in the same process (pytest, a notebook) are not affected.
Standard library only: the CLI's ``--help`` imports nothing heavy.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

__all__ = ["VERTALINGEN", "NlArgumentParser", "vertaal"]

#: argparse's phrases (Python 3.11-3.13) and their Dutch.
VERTALINGEN: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "opdrachten en argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "ignored explicit argument %r": "genegeerd argument %r",
    "unexpected option string: %s": "onverwachte optie: %s",
}


def vertaal(message: str) -> str:
    """The Dutch of an argparse phrase, or the phrase itself when it has none."""
    return VERTALINGEN.get(message, message)


@contextmanager
def _nederlands() -> Iterator[None]:
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = vertaal  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


T = TypeVar("T")


def _in_nl(method: Callable[..., T]) -> Callable[..., T]:
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with _nederlands():
            return method(*args, **kwargs)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class NlArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Dutch (help, usage and error messages).

    Subparsers made with ``add_subparsers().add_parser`` are of this class too.
    """

    __init__ = _in_nl(argparse.ArgumentParser.__init__)  # type: ignore[assignment]
    format_usage = _in_nl(argparse.ArgumentParser.format_usage)
    format_help = _in_nl(argparse.ArgumentParser.format_help)
    parse_known_args = _in_nl(argparse.ArgumentParser.parse_known_args)  # type: ignore[assignment]
    add_argument = _in_nl(argparse.ArgumentParser.add_argument)  # type: ignore[assignment]

    def error(self, message: str) -> NoReturn:
        """Print the usage and the Dutch message to stderr and exit with code 2."""
        with _nederlands():
            super().error(message)
