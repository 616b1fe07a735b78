"""Package list: the `workbench*` packages plus resources/, installed as `workbench.resources`.

All other build settings live in pyproject.toml (including the package-dir mapping of resources/).
"""

from setuptools import find_namespace_packages, setup

_CORE = find_namespace_packages(include=["workbench*"])
_RESOURCES = [
    "workbench.resources" + name.removeprefix("resources")
    for name in find_namespace_packages(include=["resources*"])
]

setup(packages=[*_CORE, *_RESOURCES])
