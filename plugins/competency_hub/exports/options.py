"""What every exporter needs to know about the site, besides the content itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..render import urls
from .ids import Ids


@dataclass(frozen=True)
class ExportOptions:
    site_name: str = "Learning hub"
    site_description: str | None = None
    base_url: str | None = None
    """`exports_base_url`, else `site_url`; None means the reserved fallback (see urls.FALLBACK_BASE_URL)."""
    namespace: str = ""
    """`exports_namespace`: what makes this hub's identifiers differ from every other hub's."""
    language: str = "en"
    use_directory_urls: bool = True
    last_change: dict[str, str] = field(default_factory=dict)
    """Map id → lastChangeDateTime (see competency_hub/clock.py); filled in by `export_hub`."""

    @property
    def base(self) -> str:
        return urls.normalise_base_url(self.base_url) or urls.FALLBACK_BASE_URL

    @property
    def has_real_base(self) -> bool:
        return urls.normalise_base_url(self.base_url) is not None

    def uri(self, src: str) -> str:
        """The absolute URI of a file of the site."""
        return urls.absolute(self.base, src)

    def page(self, src: str, anchor: str | None = None) -> str:
        """The absolute URL of a generated page, e.g. a map page."""
        url = urls.absolute(self.base, urls.page_url(src, self.use_directory_urls))
        return f"{url}#{anchor}" if anchor else url

    def ids(self) -> Ids:
        return Ids(self.namespace)


def language_tag(value: object) -> str:
    """A BCP 47 tag in its usual casing ('pt-br' → 'pt-BR', 'sr-latn' → 'sr-Latn'); 'en' when unset."""
    parts = [part for part in str(value or "").replace("_", "-").split("-") if part]
    if not parts or not parts[0].isalpha():
        return "en"
    tag = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            tag.append(part.title())
        elif len(part) in (2, 3):
            tag.append(part.upper())
        else:
            tag.append(part.lower())
    return "-".join(tag)
