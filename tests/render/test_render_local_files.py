"""A post may show images from its own folder, never other files of the machine (issue 10)."""

from __future__ import annotations

from pathlib import Path

from readerapp.render.images import LocalImages, local_file
from tests.images.server import png


def test_only_the_posts_folder_and_the_library_may_be_read(tmp_path: Path) -> None:
    root = tmp_path / "posts"
    base = root / "Paper" / "2024-08-23"
    base.mkdir(parents=True)
    (base / "fig.png").write_bytes(png())
    (root / "site.png").write_bytes(png())
    secret = tmp_path / "secret.png"
    secret.write_bytes(png())

    assert local_file("fig.png", base, root) == base / "fig.png"
    assert local_file("/site.png", base, root) == root / "site.png"
    for hostile in (
        str(secret),
        f"file://{secret}",
        "../../../secret.png",
        "/../secret.png",
        "/etc/passwd",
        "file:///etc/passwd",
        "smb://host/share/x.png",
    ):
        assert local_file(hostile, base, root) is None, hostile
    assert LocalImages(root)("/etc/passwd", base).path is None


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "posts"
    root.mkdir()
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    (root / "link.png").symlink_to(outside)
    assert local_file("link.png", root, root) is None
