"""The folders a library's posts come from: its own folder and the posts folders of its
sources (git clones, other folders). The index keeps one path per post; a source's posts are
kept under `.<name>/`, which no post of the library folder can have (the scanner skips names
that start with a dot), so paths stay unique and the library folder's stay as they were."""

from pathlib import Path

from readerapp.lighttyping import NamedTuple

MARK = "."
MAIN = "local"  # the library folder's name as a source (`source` in papers --json)


class Roots(NamedTuple):
    main: Path
    sources: tuple[tuple[str, Path], ...] = ()  # (name, posts folder), picklable for a pool

    def folders(self) -> list[tuple[str, Path]]:
        """(path prefix, folder) of each place posts are read from; "" is the library's."""
        return [("", self.main), *((f"{MARK}{name}/", folder) for name, folder in self.sources)]

    def split(self, path: str) -> tuple[str, str]:
        """(source name, the path inside its posts folder) of an indexed path."""
        if path.startswith(MARK):
            name, _, rest = path[len(MARK) :].partition("/")
            if rest and any(name == known for known, _ in self.sources):
                return name, rest
        return MAIN, path

    def folder_of(self, name: str) -> Path:
        return dict(self.sources).get(name, self.main)

    def file(self, path: str) -> Path:
        """The file an indexed path names."""
        name, rest = self.split(path)
        return self.folder_of(name) / rest
