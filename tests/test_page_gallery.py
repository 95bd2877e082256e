"""The gallery of page kinds (docs/guide/gallery.md, made by tests/page_gallery.py) and its images agree:
every image the script writes is shown on the page and is in the folder, and the folder holds no other."""

from __future__ import annotations

import re

from page_gallery import DOC, KINDS, OUT, image_names

SHOWN = re.compile(r"\]\(images/gallery/([^)\s]+)\)")


def shown_images() -> set[str]:
    return set(SHOWN.findall(DOC.read_text(encoding="utf-8")))


def test_every_page_kind_has_four_images() -> None:
    names = image_names()
    assert len(names) == len(set(names)) == 4 * len(KINDS)


def test_every_image_the_script_writes_is_shown_on_the_gallery_page() -> None:
    assert sorted(set(image_names()) - shown_images()) == []


def test_every_image_the_script_writes_is_in_the_folder() -> None:
    assert sorted(name for name in image_names() if not (OUT / name).is_file()) == []


def test_the_page_shows_no_image_the_script_does_not_write() -> None:
    assert sorted(shown_images() - set(image_names())) == []


def test_the_folder_holds_no_image_the_page_does_not_show() -> None:
    assert sorted(path.name for path in OUT.iterdir() if path.name not in shown_images()) == []
