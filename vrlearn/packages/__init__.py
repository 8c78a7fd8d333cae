"""Module packages (`.vrmod`): packing a module folder, importing one safely, removing one.

A `.vrmod` is a zip of a module folder with `module.toml` and `CHECKSUMS.sha256` at its root.
Imports are all or nothing: the package is checked entry by entry while it is extracted into a
hidden staging folder inside the modules folder, the staged module is validated, and only then is
it renamed into place. No Qt here: `import_module` is safe to call from a worker thread.
"""

from __future__ import annotations

from vrlearn.packages.errors import ImportCancelled, InstallResult, PackageError
from vrlearn.packages.install import import_module, installed_versions, remove_module
from vrlearn.packages.pack import pack_module

__all__ = [
    "ImportCancelled",
    "InstallResult",
    "PackageError",
    "import_module",
    "installed_versions",
    "pack_module",
    "remove_module",
]
