"""Signing from the command line: every command that records something is signed.

`with_signing` gives a write command five options of its own, without each area's module
repeating them: `--key FILE` (or $ISONOMIA_KEY), `--keyring DIR` (or $ISONOMIA_KEYRING),
`--sign-only`, `--out FILE` and `--under-act ACT` (the act an organ adopted by vote that a
collegial decision carries out, P15). `sign_and_submit` then signs the command with its actor's
key and submits it, or, with `--sign-only`, writes the signed envelope for anyone to submit
later with `isonomia submit FILE`. Without a key or keyring, a SQLite union's own keyring
folder (`FILE.keys`, made by `init`) is used when it exists.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from isonomia.cli.i18n import N_, _
from isonomia.cli.output import console

if TYPE_CHECKING:
    from isonomia.service import Command, Federation, Recorded, Signer


@dataclass(frozen=True)
class Signing:
    key: Path | None = None
    keyring: Path | None = None
    sign_only: bool = False
    out: Path | None = None
    #: Whether `--at` was given (refused in a live union).
    at_given: bool = False
    #: The act adopted by an organ's vote the command carries out (P15).
    under_act: str | None = None


SIGNING: ContextVar[Signing | None] = ContextVar("signing", default=None)

_OPTIONS = {
    "key": (
        Annotated[
            Path | None,
            typer.Option("--key", envvar="ISONOMIA_KEY", help="Your private key file (PEM)."),
        ],
        None,
    ),
    "keyring": (
        Annotated[
            Path | None,
            typer.Option(
                "--keyring",
                envvar="ISONOMIA_KEYRING",
                help="A folder of keys, one per principal (worked examples and tests).",
            ),
        ],
        None,
    ),
    "sign_only": (
        Annotated[
            bool, typer.Option("--sign-only", help="Sign the command and write it, not submit.")
        ],
        False,
    ),
    "out": (
        Annotated[Path | None, typer.Option("--out", help="Where --sign-only writes it.")],
        None,
    ),
    "under_act": (
        Annotated[
            str | None,
            typer.Option(
                "--under-act",
                help="The act an organ adopted by vote that this decision carries out (P15).",
            ),
        ],
        None,
    ),
}


def with_signing(callback: Callable[..., Any]) -> Callable[..., Any]:
    """The command `callback` with the signing options added to its parameters."""
    signature = inspect.signature(callback)
    hints = _hints(callback)

    @functools.wraps(callback)
    def wrapper(**kwargs: Any) -> Any:
        at = kwargs.get("at")
        token = SIGNING.set(
            Signing(
                key=kwargs.pop("key"),
                keyring=kwargs.pop("keyring"),
                sign_only=kwargs.pop("sign_only"),
                out=kwargs.pop("out"),
                at_given=at is not None,
                under_act=kwargs.pop("under_act"),
            )
        )
        try:
            return callback(**kwargs)
        finally:
            SIGNING.reset(token)

    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, (kind, default) in _OPTIONS.items()
    ]
    params = [
        p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()
    ]
    wrapper.__signature__ = signature.replace(parameters=[*params, *extra])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {**hints, **{n: k for n, (k, _default) in _OPTIONS.items()}}
    del wrapper.__wrapped__  # Typer must see the new signature, not the original's
    return wrapper


def _hints(callback: Callable[..., Any]) -> dict[str, Any]:
    import typing

    target = inspect.unwrap(callback)
    return typing.get_type_hints(target, include_extras=True)


def signer_for(federation: Federation) -> Signer:
    """The signer the options (or the union's own keyring folder) name."""
    from isonomia.service import BadRequest, KeyFile, Keyring, queries

    signing = SIGNING.get() or Signing()
    simulated = queries.clock(federation) == "simulated"
    if signing.key is not None:
        return KeyFile(signing.key)
    if signing.keyring is not None:
        return Keyring(signing.keyring, provision=simulated)
    folder = federation.keyring_folder()
    if folder is not None and folder.is_dir():
        return Keyring(folder, provision=simulated)
    raise BadRequest.of(
        N_(
            "this command must be signed: give --key FILE (or $ISONOMIA_KEY) with the "
            "key of the body that acts"
        )
    )


def sign_and_submit(federation: Federation, command: Command) -> Recorded:
    """Sign the command with its actor's key and record it; or write it with --sign-only."""
    from isonomia.service import BadRequest, now, queries, write_envelope

    signing = SIGNING.get() or Signing()
    if signing.under_act is not None:
        command = command.model_copy(update={"under_act": signing.under_act})
    if queries.clock(federation) != "simulated":
        if signing.at_given:
            raise BadRequest.of(
                N_(
                    "refused (P18): in a live union the record's clock is the service's; --at is "
                    "refused"
                )
            )
        command = command.model_copy(update={"at": now()})
    signer = signer_for(federation)
    if signing.sign_only:
        if signing.out is None:
            raise BadRequest.of(N_("--sign-only needs --out FILE"))
        write_envelope(signing.out, federation.sign(federation.sealed(command, signer), signer))
        console.print(
            _(
                "signed by {actor}; written to {out}: submit it with `isonomia submit {out}`",
                actor=command.actor,
                out=signing.out,
            ),
            markup=False,
            highlight=False,
        )
        raise typer.Exit(0)
    return federation.execute(command, signer)


def sign_write_commands(app: typer.Typer, paths: set[str]) -> None:
    """Give every command at one of `paths` ("motion draft", "found") the signing options."""
    for info in app.registered_commands:
        if info.name in paths and info.callback is not None:
            info.callback = with_signing(info.callback)
    for group in app.registered_groups:
        if group.typer_instance is None:
            continue
        for info in group.typer_instance.registered_commands:
            if f"{group.name} {info.name}" in paths and info.callback is not None:
                info.callback = with_signing(info.callback)
