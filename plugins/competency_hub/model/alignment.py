"""Alignments of a capability to labour-market taxonomies: ESCO, O*NET-SOC, Lightcast, SFIA or another framework.

An alignment says that a capability of the hub corresponds to an entry of a public taxonomy, so HR systems,
job boards and credential wallets can relate the hub's capabilities, badges and CASE items to theirs. Each
scheme has its own shape, checked here so a typo in a code is reported at its line instead of publishing a
dead link; the page and the exports (CASE, Open Badges, hub JSON) all read the same `public_url`.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import Field, StringConstraints, model_validator

from .common import HubModel, Text

ESCO_URI_PATTERN = r"^http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
ONET_SOC_PATTERN = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"
LIGHTCAST_ID_PATTERN = r"^(KS|ES|BGS)[0-9A-Z]{6,30}$"
SFIA_CODE_PATTERN = r"^[A-Za-z]{4}$"
HTTP_URI_PATTERN = r"^https?://[^\s]+$"

PATTERN_MESSAGES: dict[str, str] = {
    ESCO_URI_PATTERN: "is not an ESCO URI: write http://data.europa.eu/esco/skill/<uuid> "
    "(or .../esco/occupation/<uuid>), as the ESCO portal gives it",
    ONET_SOC_PATTERN: "is not an O*NET-SOC code: write NN-NNNN.NN, e.g. '43-4051.00'",
    LIGHTCAST_ID_PATTERN: "is not a Lightcast skill id: 'KS' (or 'ES', 'BGS') then capital letters and digits, e.g. 'KS1200364C9C1LK3V5Q1'",
    SFIA_CODE_PATTERN: "is not a SFIA skill code: four letters, e.g. 'PROG'",
    HTTP_URI_PATTERN: "is not a web address: write it in full, starting with https:// or http://",
}
"""What a value that does not match each pattern should look like, for the diagnostic (load/models.py)."""

Match = Literal["exact", "related"]
"""`exact`: the entry means the same as the capability; `related`: it overlaps (the default)."""

EscoUri = Annotated[str, StringConstraints(pattern=ESCO_URI_PATTERN)]
OnetSocCode = Annotated[str, StringConstraints(pattern=ONET_SOC_PATTERN)]
LightcastId = Annotated[str, StringConstraints(pattern=LIGHTCAST_ID_PATTERN)]
SfiaCode = Annotated[str, StringConstraints(pattern=SFIA_CODE_PATTERN)]
HttpUri = Annotated[str, StringConstraints(pattern=HTTP_URI_PATTERN)]


class _Alignment(HubModel):
    scheme: str
    """Which taxonomy: `esco`, `onet`, `lightcast`, `sfia` or `other` (each subclass narrows it)."""
    match: Match = "related"
    """`exact` when the entry means the same as the capability, `related` when it only overlaps (the default:
    claim `exact` only after reading the entry's description)."""
    name: Text | None = None
    """The entry's name in the taxonomy, e.g. 'Customer service representatives'; shown as the link text."""

    framework: ClassVar[str] = ""
    """The taxonomy's name, as the page and the exports show it."""
    target_type: ClassVar[str | None] = None
    """The entry's type in the exports (an `ext:` name: Open Badges and CASE have no term for these taxonomies)."""

    @property
    def public_url(self) -> str:
        """The entry's public page: what the capability page links to and the exports point at."""
        raise NotImplementedError

    @property
    def framework_label(self) -> str:
        """The framework's name (or address, for 'other' without a name)."""
        return self.framework

    @property
    def identifier(self) -> str:
        """A globally unambiguous identifier of the entry (the CASE destination's `identifier`)."""
        return self.public_url

    @property
    def target_code(self) -> str | None:
        """The entry's code in its framework, if it has one besides its address."""
        return None

    @property
    def label(self) -> str:
        """The link text: the name if given, else the code or the address."""
        return self.name or self.target_code or self.public_url


class EscoAlignment(_Alignment):
    """An ESCO skill or occupation (European Skills, Competences, Qualifications and Occupations)."""

    scheme: Literal["esco"]
    """`esco`."""
    uri: EscoUri
    """The concept URI, `http://data.europa.eu/esco/skill/<uuid>` or `http://data.europa.eu/esco/occupation/<uuid>`."""

    framework: ClassVar[str] = "ESCO"

    @property
    def kind(self) -> str:
        """`skill` or `occupation`."""
        return "occupation" if "/esco/occupation/" in self.uri else "skill"

    @property
    def target_type(self) -> str:  # type: ignore[override]
        return "ext:ESCOOccupation" if self.kind == "occupation" else "ext:ESCOSkill"

    @property
    def public_url(self) -> str:
        return self.uri


class OnetAlignment(_Alignment):
    """An O*NET-SOC occupation (the US Department of Labor's occupational taxonomy)."""

    scheme: Literal["onet"]
    """`onet`."""
    code: OnetSocCode
    """The O*NET-SOC code, `NN-NNNN.NN`, e.g. `43-4051.00` (Customer Service Representatives)."""

    framework: ClassVar[str] = "O*NET-SOC"
    target_type: ClassVar[str | None] = "ext:ONETOccupation"

    @property
    def public_url(self) -> str:
        return f"https://www.onetonline.org/link/summary/{self.code}"

    @property
    def target_code(self) -> str | None:
        return self.code


class LightcastAlignment(_Alignment):
    """A Lightcast Open Skills skill (formerly EMSI)."""

    scheme: Literal["lightcast"]
    """`lightcast`."""
    code: LightcastId
    """The skill id: `KS` (or `ES`, `BGS`) then capital letters and digits, e.g. `KS1200364C9C1LK3V5Q1`."""

    framework: ClassVar[str] = "Lightcast Open Skills"
    target_type: ClassVar[str | None] = "ext:LightcastSkill"

    @property
    def public_url(self) -> str:
        return f"https://lightcast.io/open-skills/skills/{self.code}"

    @property
    def target_code(self) -> str | None:
        return self.code


class SfiaAlignment(_Alignment):
    """A SFIA 9 skill at one of its levels (Skills Framework for the Information Age)."""

    scheme: Literal["sfia"]
    """`sfia`."""
    code: SfiaCode
    """The four-letter skill code, e.g. `PROG` (Programming/software development); shown in capitals."""
    level: int = Field(ge=1, le=7)
    """The SFIA level of responsibility, 1 to 7."""

    framework: ClassVar[str] = "SFIA 9"
    target_type: ClassVar[str | None] = "ext:SFIASkillLevel"

    @property
    def public_url(self) -> str:
        return f"https://sfia-online.org/en/skillcode/9/{self.code.upper()}"

    @property
    def target_code(self) -> str | None:
        return f"{self.code.upper()}-{self.level}"

    @property
    def label(self) -> str:
        return f"{self.name or self.code.upper()}, level {self.level}"

    @property
    def identifier(self) -> str:
        return f"{self.public_url}#level-{self.level}"


class OtherAlignment(_Alignment):
    """An entry of any other framework, named by the framework's URI and the entry's code or URI."""

    scheme: Literal["other"]
    """`other`."""
    framework_uri: HttpUri
    """The framework's address, e.g. its CASE document or home page."""
    framework_name: Text | None = None
    """The framework's name, e.g. 'Digital Competence Framework (DigComp 2.2)'."""
    code: Text | None = None
    """The entry's code in that framework; `code` or `uri` is required."""
    uri: HttpUri | None = None
    """The entry's own address, if it has one; else the link goes to `framework_uri`."""

    @model_validator(mode="after")
    def _code_or_uri(self) -> "OtherAlignment":
        if self.code is None and self.uri is None:
            raise ValueError("an alignment with scheme 'other' needs 'code' or 'uri' (or both) besides 'framework_uri'")
        return self

    @property
    def framework_label(self) -> str:
        return self.framework_name or self.framework_uri

    @property
    def identifier(self) -> str:
        return self.uri or f"{self.framework_uri}#{self.code}"

    @property
    def public_url(self) -> str:
        return self.uri or self.framework_uri

    @property
    def target_code(self) -> str | None:
        return self.code


Alignment = Annotated[
    Union[EscoAlignment, OnetAlignment, LightcastAlignment, SfiaAlignment, OtherAlignment],
    Field(discriminator="scheme"),
]
"""One alignment; its `scheme` says which fields it has."""

SCHEMES: tuple[str, ...] = ("esco", "onet", "lightcast", "sfia", "other")
"""The known schemes, in the order the unknown-scheme diagnostic lists them."""
