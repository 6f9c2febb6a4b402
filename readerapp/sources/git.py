"""The git program, for cloning and pulling a blog's repository: every transport git has
(git://, https://, ssh://, file://, user@host:path) and the user's own credentials and ssh
setup. Never prompts (a pull runs in the background); each failure becomes one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 600.0  # seconds for one git command: a large first clone on a slow line
POLL = 0.1  # seconds between looks at the cancel flag


class GitError(Exception):
    """A git operation failed; the message is one line for the status bar or stderr."""


class Cancelled(GitError):
    def __init__(self) -> None:
        super().__init__("cancelled")


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",  # no username/password prompt: fail, and say auth is needed
        GIT_SSH_COMMAND=env.get("GIT_SSH_COMMAND", "ssh") + " -o BatchMode=yes",
        LC_ALL="C",  # git's messages in English, so they can be recognised
        GIT_CONFIG_NOSYSTEM="1",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def explain(stderr: str, url: str) -> str:
    """git's error output as one line a user can act on."""
    text = stderr.lower()
    if any(
        s in text
        for s in (
            "could not read username",
            "authentication failed",
            "terminal prompts disabled",
            "permission denied (publickey",
            "host key verification failed",
        )
    ):
        return f"authentication needed for {url} (set up a credential helper or an ssh key)"
    if any(
        s in text
        for s in (
            "could not resolve host",
            "connection refused",
            "connection timed out",
            "network is unreachable",
            "unable to connect",
            "failed to connect",
            "no route to host",
            "couldn't connect",
            "unable to look up",
        )
    ):
        return f"cannot reach {url} (offline, or the server is down)"
    if any(
        s in text
        for s in (
            "repository not found",
            "does not appear to be a git repository",
            "not found",
            "no such repository",
            "access denied",
        )
    ):
        return f"no repository at {url} (gone, or the URL is wrong)"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    fatal = [line for line in lines if line.lower().startswith(("fatal:", "error:"))]
    last = (fatal or lines or ["git failed"])[-1]
    return last.removeprefix("fatal: ").removeprefix("error: ")[:300]


@dataclass
class Git:
    url: str  # for messages
    cancelled: Callable[[], bool] = lambda: False
    timeout: float = TIMEOUT

    def run(self, *args: str, cwd: Path | None = None) -> str:
        """Run `git args...`; its standard output, or GitError."""
        program = shutil.which("git")
        if program is None:
            raise GitError("git is not installed: install it to follow a repository")
        process = subprocess.Popen(
            [program, *args],
            cwd=cwd,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                out, err = process.communicate(timeout=POLL)
                break
            except subprocess.TimeoutExpired:
                if self.cancelled() or time.monotonic() > deadline:
                    process.kill()
                    process.communicate()
                    if self.cancelled():
                        raise Cancelled() from None
                    raise GitError(f"git took over {self.timeout:.0f} s on {self.url}") from None
        if process.returncode != 0:
            raise GitError(explain(err, self.url))
        return out

    def clone(self, dest: Path, subdir: str) -> str:
        """A shallow clone (the newest commit only; with `subdir`, only that folder checked
        out) into `dest`, made beside it and renamed: never half a clone. Returns the commit."""
        partial = dest.with_name(dest.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            # blob:none: the blog's images and theme are not downloaded (a server that cannot
            # filter sends everything, which works too).
            sparse = ["--sparse"] if subdir else []
            self.run(
                "clone", "--quiet", "--depth", "1", "--filter=blob:none", *sparse, "--",
                self.url, str(partial),
            )  # fmt: skip
            if subdir:
                self.run("sparse-checkout", "set", "--", subdir, cwd=partial)
            commit = self.head(partial)
            shutil.rmtree(dest, ignore_errors=True)
            partial.rename(dest)
            return commit
        finally:
            shutil.rmtree(partial, ignore_errors=True)

    def head(self, repo: Path) -> str:
        return self.run("rev-parse", "HEAD", cwd=repo).strip()

    def fetch(self, repo: Path) -> str:
        """Fetch the remote's branch (new commits only: a shallow clone stops at what it has);
        returns the commit fetched."""
        branch = self.run("rev-parse", "--abbrev-ref", "HEAD", cwd=repo).strip()
        self.run("fetch", "--quiet", "origin", branch, cwd=repo)
        return self.run("rev-parse", "FETCH_HEAD", cwd=repo).strip()

    def is_ancestor(self, repo: Path, old: str, new: str) -> bool:
        try:
            self.run("merge-base", "--is-ancestor", old, new, cwd=repo)
        except GitError:
            return False
        return True

    def move_to(self, repo: Path, commit: str, *, reset: bool) -> None:
        """Check out `commit`: a fast-forward, or with `reset` whatever it is."""
        if reset:
            self.run("reset", "--quiet", "--hard", commit, cwd=repo)
        else:
            self.run("merge", "--quiet", "--ff-only", commit, cwd=repo)

    def changed_files(self, repo: Path, old: str, new: str, subdir: str) -> dict[str, str]:
        """path (inside `subdir`) -> A / M / D, between two commits."""
        where = [subdir] if subdir else []
        out = self.run(
            "diff", "--name-status", "--no-renames", "-z", old, new, "--", *where, cwd=repo
        )
        fields = out.split("\0")
        prefix = subdir.rstrip("/") + "/" if subdir else ""
        changes = {}
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            if status and path:
                changes[path.removeprefix(prefix)] = status[0]
        return changes
