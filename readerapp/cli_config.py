"""`readerapp config [KEY [VALUE]]` (DESIGN.md, contract; issue 16): read or set a setting."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from urllib.parse import urlsplit

from readerapp.errors import UserError
from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

    from readerapp.session import Session
    from readerapp.settings import Setting

_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")
UNSET = ("default", "none", "")  # a VALUE that puts the default back


def add_config_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("key", nargs="?", metavar="KEY")
    sub.add_argument("value", nargs="?", metavar="VALUE", help="'default' puts the default back")


def shown(value: Any) -> str:
    return "(not set)" if value is None else json.dumps(value, ensure_ascii=False)


def parse_value(key: str, setting: Setting, text: str) -> Any:
    """The typed value of a VALUE given on the command line."""
    if text.strip().lower() in UNSET:
        return setting.default
    if bool in setting.kinds:
        lowered = text.strip().lower()
        if lowered not in _TRUE + _FALSE:
            raise UserError(f"{key} is yes or no, not {text!r}")
        value: Any = lowered in _TRUE
    elif int in setting.kinds or float in setting.kinds:
        try:
            value = int(text) if int in setting.kinds and text.strip().isdigit() else float(text)
        except ValueError:
            raise UserError(f"{key} is a number, not {text!r}") from None
        if int in setting.kinds and float not in setting.kinds:
            value = int(value)
    elif key == "library":
        folder = Path(text).expanduser()
        if not folder.is_dir():
            raise UserError(f"library folder not found: {text}")
        value = str(folder.resolve())
    elif list in setting.kinds or dict in setting.kinds:
        raise UserError(f"{key} is kept by the window; it cannot be set here")
    else:
        value = text
    if key == "arxiv_mirror":
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UserError(
                f"arxiv_mirror is an http(s) address, e.g. https://export.arxiv.org: {text}"
            )
        value = value.rstrip("/")
    if not setting.accepts(value):
        allowed = ", ".join(map(str, setting.choices))
        raise UserError(
            f"{text!r} is not a value of {key}" + (f" (one of {allowed})" if allowed else "")
        )
    return value


def cmd_config(session: Session, args: argparse.Namespace) -> int:
    from readerapp.settings import SETTINGS

    settings = session.settings
    if args.library:  # remembered after its first use, by every command
        session.library_root(args.library)
    if args.key is None:
        for key, each in SETTINGS.items():
            about = f"  # {each.description}" if each.description else ""
            print(f"{key} = {shown(settings.get(key))}{about}")
        return 0
    if args.key not in SETTINGS:
        raise UserError(f"no setting {args.key!r}; `readerapp config` lists them")
    setting = SETTINGS[args.key]
    if args.value is None:
        print(shown(settings.get(args.key)))
        return 0
    value = parse_value(args.key, setting, args.value)
    settings.set(args.key, value)
    print(f"{args.key} = {shown(value)}")
    return 0
