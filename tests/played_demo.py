"""The worked example played once a test process, shared by the tests that only read it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PlayedDemo:
    """The worked example as `isonomia demo --exports FOLDER` leaves it: what it printed,
    and the folder holding its database, keys, web accounts and members' exports."""

    stdout: str
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "demo.db"

    def copy_to(self, folder: Path) -> PlayedDemo:
        """A copy of its own, for a test that writes (a sign-in, a new entry)."""
        shutil.copytree(self.folder, folder, dirs_exist_ok=True)
        return PlayedDemo(self.stdout, folder)
