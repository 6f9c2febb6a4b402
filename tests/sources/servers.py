"""Real servers on 127.0.0.1 for the source tests: `git daemon` over a folder of bare
repositories, and an HTTP server that asks for a password."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.helpers import digest, entry, write

GIT_ID = [
    "-c",
    "user.name=Test",
    "-c",
    "user.email=test@example.org",
    "-c",
    "init.defaultBranch=main",
]


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *GIT_ID, *args], cwd=cwd, check=True, capture_output=True, text=True
    )
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Blog:
    """A Hexo blog's repository: a working copy pushing to a bare repository."""

    def __init__(self, base: Path, name: str = "blog") -> None:
        self.bare = base / "served" / f"{name}.git"
        self.work = base / "work" / name
        self.bare.mkdir(parents=True)
        git("init", "--quiet", "--bare", str(self.bare), cwd=base)
        self.work.mkdir(parents=True)
        git("init", "--quiet", cwd=self.work)
        git("remote", "add", "origin", str(self.bare), cwd=self.work)
        write(self.work, "_config.yml", "title: a blog\n")
        write(self.work, "themes/landscape/layout/index.ejs", "<html></html>\n")

    def post(self, day: str, topic: str, arxiv: list[str]) -> str:
        """A digest post (one commit, pushed); its path inside source/_posts."""
        relative = f"Paper/{day}/{topic}.md"
        entries = [entry(title=f"{topic} paper {a}", arxiv=f"{a}v1") for a in arxiv]
        write(self.work / "source/_posts", relative, digest(topic, f"{day} 10:00:00", entries))
        self.commit(f"{day} {topic}")
        return relative

    def commit(self, message: str, *, force: bool = False) -> None:
        git("add", "-A", cwd=self.work)
        git("commit", "--quiet", "-m", message, cwd=self.work)
        git(
            "push", "--quiet", *(["--force"] if force else []), "origin", "HEAD:main", cwd=self.work
        )

    def rewrite_history(self) -> None:
        """What a force push does to followers: the last commit replaced by another."""
        git("commit", "--quiet", "--amend", "-m", "rewritten", cwd=self.work)
        git("push", "--quiet", "--force", "origin", "HEAD:main", cwd=self.work)


@contextmanager
def git_daemon(base_path: Path) -> Iterator[str]:
    """`git daemon` serving every repository under `base_path`; yields git://127.0.0.1:PORT"""
    port = free_port()
    process = subprocess.Popen(
        [
            "git", "daemon", "--reuseaddr", "--export-all", "--informative-errors",
            f"--base-path={base_path}", "--listen=127.0.0.1", f"--port={port}", str(base_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"git://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


class _AskPassword(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="private blog"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def password_server() -> Iterator[str]:
    """An HTTP git host that wants a password for everything; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AskPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
