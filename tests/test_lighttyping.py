"""readerapp.lighttyping's NamedTuple makes what typing's would: the records' behaviour that
the index, the command line and the worker processes rely on."""

import pickle
import typing

import pytest

from readerapp.lighttyping import NamedTuple


class Light(NamedTuple):
    """A record."""

    name: str
    size: int = 0
    tags: list[str] = []  # noqa: RUF012 (a record: never changed)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.size})"

    def __str__(self) -> str:
        return self.label


class Typed(typing.NamedTuple):
    name: str
    size: int = 0
    tags: list[str] = []  # noqa: RUF012


def test_it_behaves_as_typings_named_tuple() -> None:
    light, typed = Light("a"), Typed("a")
    assert tuple(light) == tuple(typed) == ("a", 0, [])
    assert light == typed and hash(Light("a", 1, ())) == hash(Typed("a", 1, ()))
    assert Light._fields == Typed._fields
    assert Light._field_defaults == Typed._field_defaults
    assert repr(light) == "Light(name='a', size=0, tags=[])"
    assert light._replace(size=3) == Light("a", 3) and Light._make(["b", 2, []]).size == 2
    assert Light(size=5, name="c") == ("c", 5, [])
    assert light._asdict() == {"name": "a", "size": 0, "tags": []}


def test_methods_properties_and_docstring_are_kept() -> None:
    record = Light("x", 2)
    assert record.label == "x (2)" and str(record) == "x (2)"
    assert Light.__doc__ == "A record."
    assert Light.__module__ == __name__ and Light.__qualname__ == "Light"
    assert list(Light.__annotations__) == ["name", "size", "tags"]
    with pytest.raises(AttributeError):
        record.name = "y"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        record.other = 1  # type: ignore[attr-defined]  # no __dict__: as small as a tuple


def test_records_cross_to_worker_processes() -> None:
    record = Light("p", 1, ["t"])
    assert pickle.loads(pickle.dumps(record)) == record


def test_a_field_without_default_after_one_with_a_default_is_refused() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Wrong(NamedTuple):
            first: int = 1
            second: int
