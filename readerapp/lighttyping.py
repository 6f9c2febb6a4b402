"""What the core takes from `typing` at run time, without importing `typing`: `TYPE_CHECKING`
and `NamedTuple`.

Every command defines a score of these records, and `typing` alone took 5-8 ms of each
command's start on a 2-core machine (then its NamedTuple checks each field's type, and compiles
string annotations). Here a record is the `collections.namedtuple` that typing's would have
made, with the class body's methods, properties and docstring; type checkers see typing's own.

Core modules import `TYPE_CHECKING` from here (mypy takes it as True, whatever its origin) and
import from `typing` only under it; the window's modules and those of indexing load `typing`
anyway (Qt, numpy and tantivy import it).
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    import collections

    # What a class body holds that is not the record's own (typing skips the same).
    _SKIPPED = {"__module__", "__qualname__", "__annotations__", "__dict__", "__weakref__"}

    class _RecordMaker(type):
        def __new__(cls, name, bases, namespace):
            if not bases:  # NamedTuple itself
                return super().__new__(cls, name, bases, namespace)
            fields = list(namespace.get("__annotations__", {}))
            defaults = [namespace[field] for field in fields if field in namespace]
            given = [field in namespace for field in fields]
            if given != sorted(given):  # False (no default) after True
                raise TypeError(f"{name}: a field without a default follows one with a default")
            record = collections.namedtuple(
                name, fields, defaults=defaults, module=namespace.get("__module__")
            )
            record.__annotations__ = dict(namespace.get("__annotations__", {}))
            for key, value in namespace.items():
                if key not in _SKIPPED and key not in fields:
                    setattr(record, key, value)
            record.__qualname__ = namespace.get("__qualname__", name)
            return record

    class NamedTuple(metaclass=_RecordMaker):
        """Subclass it as typing.NamedTuple: the class made is a plain namedtuple."""
