"""The locks in requirements/ (made by `make lock`, README "Dependencies") agree with the pins in
pyproject.toml, with each other, and give every package its hashes."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
EXTRAS = PROJECT["optional-dependencies"]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    """{name: version} of pyproject.toml's `name[extra]==version` lines; every one must be pinned so."""
    found = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;,]+)", requirement)
        assert match, f"pyproject.toml: {requirement!r} is not pinned with =="
        found[canonical(match[1])] = match[2]
    return found


def lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, [hashes])} of requirements/<name>.txt, which has nothing else in it."""
    text = (ROOT / "requirements" / f"{name}.txt").read_text()
    entries = {}
    for entry in re.sub(r"\\\n", " ", text).splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        match = re.fullmatch(r"([a-z0-9._-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})*)", entry)
        assert match, f"requirements/{name}.txt: {entry[:80]!r} is not a pin with hashes"
        assert match[3], f"requirements/{name}.txt: {match[1]} has no --hash"
        entries[canonical(match[1])] = (match[2], match[3].split())
    return entries


MAIN, DEV, LOAD = lock("main"), lock("dev"), lock("load")
LOCKS = {"main": MAIN, "dev": DEV, "load": LOAD}


@pytest.mark.parametrize(("name", "direct"), [
    ("main", pins(PROJECT["dependencies"])),
    ("dev", pins(PROJECT["dependencies"]) | pins(EXTRAS["dev"])),
    ("load", pins(PROJECT["dependencies"]) | pins(EXTRAS["dev"]) | pins(EXTRAS["load"])),
])
def test_each_lock_has_pyprojects_pins_at_their_versions(name, direct):
    locked = {package: version for package, (version, _) in LOCKS[name].items()}
    differ = {package: (version, locked.get(package)) for package, version in direct.items()
              if locked.get(package) != version}
    assert not differ, f"pyproject.toml and requirements/{name}.txt differ (run `make lock`): {differ}"


def test_the_smaller_locks_are_parts_of_the_larger_at_the_same_versions():
    for smaller, larger in (("main", "dev"), ("dev", "load")):
        for package, entry in LOCKS[smaller].items():
            assert LOCKS[larger].get(package) == entry, f"{package}: requirements/{smaller}.txt and {larger}.txt"


def test_the_tools_stay_out_of_the_environments_that_do_not_need_them():
    assert not set(pins(EXTRAS["dev"])) & set(MAIN)
    assert not set(pins(EXTRAS["load"])) & set(DEV)


def test_the_projects_build_backend_is_locked_for_the_editable_install():
    # `make install` builds the project without build isolation, with the lock's setuptools.
    for name, locked in LOCKS.items():
        for requirement in PYPROJECT["build-system"]["requires"]:
            assert canonical(re.match(r"[A-Za-z0-9._-]+", requirement)[0]) in locked, (name, requirement)
