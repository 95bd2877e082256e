"""Edits of the small fixture hub that rename and retire content, shared by the governance tests.

`support/replies` becomes `support/customer-replies`; `billing/refunds` is retired in favour of it;
the challenge `prioritise-queue` is renamed `set-queue-priorities`, and `rewrite-macro` is retired
in favour of a new `adapt-a-macro`. With `declared=False` the same changes are made the careless way:
ids changed and items deleted, with no `renamed_from`, no tombstone.
"""

from __future__ import annotations

from pathlib import Path

from hub import edit

SUPPORT = "maps/support.yml"
BILLING = "maps/billing.yml"


def rename_capability(root: Path, *, declared: bool = True) -> None:
    old = "  - id: replies\n    title: Written replies\n"
    new = "  - id: customer-replies\n" + ("    renamed_from: [replies]\n" if declared else "") + "    title: Written replies\n"
    edit(root, SUPPORT, old, new)
    edit(root, SUPPORT, "        capability: replies\n", "        capability: customer-replies\n")
    edit(root, "challenges/rewrite-macro.md", "capability: support/replies", "capability: support/customer-replies")


def retire_capability(root: Path, *, declared: bool = True) -> None:
    """Retire billing/refunds (replaced by support/customer-replies), or delete it when not declared."""
    edit(root, SUPPORT, "    related: [billing/refunds]\n", "")
    if declared:
        edit(
            root,
            BILLING,
            "  - id: refunds\n",
            "  - id: refunds\n    status: retired\n    replaced_by: support/customer-replies\n"
            "    retired_reason: Refund decisions moved to the finance team.\n",
        )
        return
    text = (root / BILLING).read_text(encoding="utf-8")
    start = text.index("  - id: refunds\n")
    # The billing map needs one capability: a minimal stand-in replaces the deleted one.
    (root / BILLING).write_text(
        text[:start]
        + "  - id: invoices\n    title: Invoices\n    why: Invoices must be right.\n    moments: [Month end.]\n"
        "    behaviours:\n      assisted:\n        - id: invoices-check\n          text: Checks each line against the order.\n"
        "      independent:\n        - id: invoices-fix\n          text: Corrects a wrong line and notes why.\n"
        "    evidence:\n      - id: invoice\n        title: An invoice\n        description: One invoice as sent.\n"
        "        rubric:\n          - id: lines\n            criterion: Lines right\n"
        "            levels: {assisted: Most lines., independent: Every line.}\n",
        encoding="utf-8",
    )


def rename_challenge(root: Path, *, declared: bool = True) -> None:
    old, new = root / "challenges" / "prioritise-queue.md", root / "challenges" / "set-queue-priorities.md"
    text = old.read_text(encoding="utf-8").replace("id: prioritise-queue\n", "id: set-queue-priorities\n", 1)
    if declared:
        text = text.replace("id: set-queue-priorities\n", "id: set-queue-priorities\nrenamed_from: [prioritise-queue]\n", 1)
    new.write_text(text, encoding="utf-8")
    old.unlink()
    edit(root, SUPPORT, "prioritise-queue", "set-queue-priorities", count=2)


def retire_challenge(root: Path) -> None:
    """Retire rewrite-macro in favour of a new challenge, adapt-a-macro, which takes its place in the path."""
    source = root / "challenges" / "rewrite-macro.md"
    text = source.read_text(encoding="utf-8")
    replacement = text.replace("id: rewrite-macro\n", "id: adapt-a-macro\n", 1).replace(
        "title: Rewrite a macro reply", "title: Adapt a macro to one customer", 1
    )
    (root / "challenges" / "adapt-a-macro.md").write_text(replacement, encoding="utf-8")
    edit(
        root,
        "challenges/rewrite-macro.md",
        "id: rewrite-macro\n",
        "id: rewrite-macro\nstatus: retired\nreplaced_by: adapt-a-macro\n",
    )
    edit(root, SUPPORT, "rewrite-macro", "adapt-a-macro", count=2)


def rename_and_retire(root: Path, *, declared: bool = True) -> None:
    """All of the above: the second build of the link-stability tests."""
    rename_capability(root, declared=declared)
    retire_capability(root, declared=declared)
    rename_challenge(root, declared=declared)
    if declared:
        retire_challenge(root)
