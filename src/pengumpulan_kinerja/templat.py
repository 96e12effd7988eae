"""The Jinja environment for every HTML page the tool writes (analysis report, Lembar
Disposisi, reminders page): one place for its settings.

- Every value is autoescaped (names and texts come from users), an undefined name is an
  error (``StrictUndefined``), block tags leave no blank lines.
- Templates are compiled without Jinja's constant folding (``optimized=False``): a page
  is rendered once per command, and folding costs more compile time than it saves.
- Compiled templates are kept in the user's cache folder (``$XDG_CACHE_HOME/kinerja``,
  else ``~/.cache/kinerja``) with Jinja's own bytecode cache, keyed by the template's
  source: compiling the analysis report costs ±24 ms of every ``kinerja analisis``, as
  much as the rest of its HTML. The cache is best effort: a folder that cannot be made
  or written only means the template is compiled again, and nothing is ever written
  next to a user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket

from .ruang_kerja import folder_sumber


class _CacheTemplat(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, which never fails a command: a
    compiled template that cannot be stored is simply compiled again next time."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:  # Jinja catches only some (not e.g. a file where the folder was)
            return

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            return


def folder_cache() -> Path:
    """Where compiled templates are kept (the user's cache folder, XDG)."""
    dasar = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(dasar) / "kinerja" / "templat"


def _cache() -> BytecodeCache | None:
    folder = folder_cache()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (OSError, RuntimeError):  # no home folder, read-only file system ...
        return None
    return _CacheTemplat(str(folder), "%s.cache")


def lingkungan() -> Environment:
    """The environment for the templates shipped in ``templates/``."""
    return Environment(
        loader=FileSystemLoader(str(folder_sumber("templates"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        optimized=False,
        bytecode_cache=_cache(),
    )
