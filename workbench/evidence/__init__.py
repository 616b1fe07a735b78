"""The evidence register and the applicability-review pack.

`add_document` stores a file content-addressed in the data folder (never altered) and records it,
audited, against a node of a traced product; `build_pack` writes the signed, streaming zip pack;
`verify_pack` checks a pack's signature and every file's hash.
"""

from workbench.evidence.pack import PackResult, build_pack
from workbench.evidence.register import FAMILIES, add_document, stored_path
from workbench.evidence.verify import PackCheck, verify_pack

__all__ = ["FAMILIES", "PackCheck", "PackResult", "add_document", "build_pack", "stored_path", "verify_pack"]
