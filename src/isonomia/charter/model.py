"""The charter as validated data: the union, its members, organs, fields and rules.

A charter is the federation's constitution. It is read from TOML (see `load.py`) and
validated field by field here; checks that relate one part of the file to another
(presidency order names members, ids are unique…) live in `checks.py` so that every
problem in a file can be reported at once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from isonomia.charter.budget import BudgetSettings
from isonomia.charter.delegations import OrganDelegations
from isonomia.charter.elections import ElectedOffice
from isonomia.charter.languages import is_known_language_tag
from isonomia.charter.procedure import ActKindName as ActKindName
from isonomia.charter.procedure import Concern as Concern
from isonomia.charter.procedure import NationalQuestion as NationalQuestion
from isonomia.charter.procedure import Notice as Notice
from isonomia.charter.procedure import Postponement as Postponement
from isonomia.charter.procedure import Procedure as Procedure

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,62}$")]

#: Fields of competence that belong to the members unless a member chooses otherwise (P11).
RESERVED_BY_DEFAULT: tuple[str, ...] = ("culture", "education", "language", "internal-affairs")


def _known_language(tag: str) -> str:
    if not is_known_language_tag(tag):
        raise ValueError(f"{tag!r} is not a known language tag (P14)")
    return tag


LanguageTag = Annotated[str, AfterValidator(_known_language)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UnionIdentity(_Strict):
    """The union itself: its own body, distinct from every member (P1)."""

    id: Slug
    name: str = Field(min_length=1)
    seat: str = Field(min_length=1)
    description: str = ""


class Member(_Strict):
    """A member, with the population figures its weight may be computed from."""

    id: Slug
    name: str = Field(min_length=1)
    congress: str = Field(min_length=1, description="the member's own authoritative body")
    population: int = Field(gt=0)
    population_year: int = Field(ge=1000, le=3000)
    population_source: str = Field(min_length=1)
    languages: list[LanguageTag] = Field(min_length=1)


class OrganKind(StrEnum):
    UNION_COUNCIL = "union-council"
    PRESIDIUM = "presidium"
    EXECUTIVE = "executive"
    JOINT_DEPARTMENT = "joint-department"
    CONFERENCE = "conference"
    INSPECTION = "inspection"


class Organ(_Strict):
    """A joint body of the union. Each member's own council exists implicitly (P4)."""

    id: Slug
    kind: OrganKind
    name: str = Field(min_length=1)
    #: The rule its votes are counted by (default: the rule ``ordinary``, else the first).
    decision_rule: Slug | None = None
    #: Apportioned seats, votes per seat, split votes, proxies (default: one whole vote each).
    delegations: OrganDelegations | None = None


class FieldKind(StrEnum):
    JOINT = "joint"
    RESERVED = "reserved"


class Competence(_Strict):
    """A field of competence: joint (the union may act) or reserved to the members (P10)."""

    field: Slug
    kind: FieldKind
    note: str = ""


#: An organ's procedural acts (P5): convening, tabling, circulating a draft, counting a vote
#: (which closes it), publishing an adopted act.
ProceduralAct = Literal["convene", "table", "circulate", "count", "publish"]


class Presidency(_Strict):
    """Rotating presidency (P5): a fixed order and a term length in months or days; and who
    signs the procedural acts of the organs whose presidency rotates (`organs`, by default
    the union council): with ``presides = "delegate"`` the presiding member's delegate of
    the act's day (designated by its council for the term, else its first-appointed delegate
    sitting there), the secretariat only the `secretariat_acts`; with ``"secretariat"`` (the
    default) the secretariat and the organ's presiding officers sign them all."""

    order: list[Slug] = Field(min_length=1)
    term_months: int | None = Field(default=None, ge=1, le=60)
    term_days: int | None = Field(default=None, ge=1, le=1830)
    presides: Literal["secretariat", "delegate"] = "secretariat"
    #: The organs whose presidency rotates (default: the union council alone).
    organs: list[Slug] = Field(default_factory=list)
    #: What stays with the secretariat where the delegate presides (default: the papers,
    #: circulating and publishing; convening, tabling and counting are the presidency's).
    secretariat_acts: list[ProceduralAct] = ["circulate", "publish"]


class Cadence(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class UnionCouncil(_Strict):
    """The union council's session calendar and quorum (P4)."""

    sessions: Cadence
    weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    quorum: float = Field(gt=0, le=1, description="share of members that must be present")


class WeightKind(StrEnum):
    EQUAL = "equal"
    POPULATION = "population"
    SQRT_POPULATION = "sqrt-population"
    CUSTOM = "custom"


class RuleKind(StrEnum):
    SIMPLE_MAJORITY = "simple-majority"
    QUALIFIED_MAJORITY = "qualified-majority"
    DOUBLE_MAJORITY = "double-majority"
    UNANIMITY = "unanimity"


class DecisionRule(_Strict):
    """How a union body decides (P12). Weights and thresholds are data."""

    id: Slug
    kind: RuleKind
    weights: WeightKind = WeightKind.EQUAL
    custom_weights: dict[str, int] = Field(default_factory=dict)
    threshold: float | None = Field(default=None, gt=0, le=1)
    members_share: float | None = Field(default=None, gt=0, le=1)
    population_share: float | None = Field(default=None, gt=0, le=1)
    min_blocking: int | None = Field(default=None, ge=1)
    description: str = ""


class Safeguards(_Strict):
    """Protections of smaller members (P12)."""

    max_power_share: float = Field(default=0.5, gt=0, le=1)
    no_single_member_decides: bool = True


class Accession(_Strict):
    """How a candidate is admitted once its own congress has decided (P2)."""

    decided_by: Slug = "union-council"
    decision_rule: Slug


class Secession(_Strict):
    """Secession (P3): the member's own congress decides; only a notice period applies."""

    notice_days: int = Field(ge=0, le=730)


class Appeals(_Strict):
    """Appeals against executive decisions to the union council (P6)."""

    deadline_days: int = Field(default=30, ge=1, le=365)
    #: Fields whose decisions are suspended while an appeal is pending; all others stay in force.
    suspensive_fields: list[Slug] = Field(default_factory=list)


class Amendments(_Strict):
    """How the charter (and so the register of competences) is amended (P10)."""

    #: The rule an amendment is voted by (default: ``unanimity`` if the charter has it).
    decision_rule: Slug | None = None


class Motions(_Strict):
    """Who puts motions on an organ's agenda (P4). The secretariat and the organ's presiding
    officer table as procedure, and a member's council tables in an organ where the member
    has a delegate sitting; a delegate tables there in its own name only if allowed here."""

    #: Whether a delegate sitting in an organ may table motions there.
    delegates_table: bool = False


class NamedOffice(_Strict):
    """A named office (a general secretary, a chair of the presidium), appointed and removed
    by the vote of the organ it belongs to (P15)."""

    id: Slug
    name: str = Field(min_length=1)
    #: The organ the office belongs to.
    organ: Slug
    #: The organ whose vote appoints and removes the holder (default: `organ`).
    appointed_by: Slug | None = None
    #: The principal the holder signs for (``organ:ID`` or ``secretariat``), so the decisions
    #: signed there count as the holder's in the report of concentration.
    signs_as: str | None = Field(default=None, pattern=r"^(secretariat|organ:[a-z][a-z0-9-]*)$")


#: An office selector: ``office:ID`` (a named office), ``organ:ID`` (a seat or a named office
#: of that organ), ``kind:KIND`` (of any organ of that kind), ``department:ID`` (a post in it).
OfficeSelector = Annotated[
    str, Field(pattern=r"^(office|organ|kind|department):[a-z][a-z0-9-]{0,62}$")
]


class Offices(_Strict):
    """Offices without concentration (P15): how many one person holds, which exclude each
    other, for how long, and which decisions need a collegial vote. An office is a seat in a
    union organ, a post in a joint department, or a named office."""

    #: How many offices one person may hold at once.
    max_per_person: int = Field(default=3, ge=1, le=100)
    named: list[NamedOffice] = Field(default_factory=list)
    #: Groups of selectors no one may hold together (inspection and executive always are).
    exclusive: list[list[OfficeSelector]] = Field(default_factory=list)
    #: The longest one term in a seat or a named office may run (None: no limit).
    term_days: int | None = Field(default=None, ge=1, le=3660)
    #: How many terms one person may hold in the same office over the record (None: any).
    max_terms: int | None = Field(default=None, ge=1, le=100)
    #: Days that must pass after a term ends before its holder holds that office again.
    cooldown_days: int = Field(default=0, ge=0, le=3660)
    #: Commands that one office-holder issues only under an act of the organ's vote.
    collegial: list[Annotated[str, Field(pattern=r"^[A-Z][A-Za-z]{1,62}$")]] = Field(
        default_factory=list
    )

    def office(self, office_id: str) -> NamedOffice | None:
        """The named office with this id, if the charter has one."""
        return next((o for o in self.named if o.id == office_id), None)


class InspectionRules(_Strict):
    """Investigations by the inspection (P16, P17): the commission's size, drawn by lot, the
    days an official has to answer a complaint addressed to them, the window in which the
    parties commit to and reveal the values the draw's seed is made of, how long a removed
    person is barred from office and a suspended one paused, how long after a case its
    complainant, witnesses and defender stay protected, and how long a named conniver has
    to name a defender before findings may sanction them."""

    commission_size: int = Field(default=3, ge=1, le=15)
    answer_deadline_days: int = Field(default=30, ge=1, le=365)
    #: Days, from the day a case opens (or reopens), in which its parties, the members they
    #: sit for and the inspection may commit to a random value for the draw; 0: no window,
    #: the commission is drawn at once from the record's signature digest.
    draw_commit_days: int = Field(default=0, ge=0, le=90)
    #: Days after the commitments close in which the committed values are revealed; the
    #: commission is drawn once they have passed.
    draw_reveal_days: int = Field(default=3, ge=1, le=90)
    #: Days after a removal from office during which the person is appointed to no office.
    reappointment_bar_days: int = Field(default=730, ge=0, le=3660)
    #: Days a suspension from office pauses every office the person holds.
    suspension_days: int = Field(default=90, ge=1, le=3660)
    #: Days after a case is decided during which its complainant, witnesses and defender
    #: stay protected from retaliation (P17).
    protection_days: int = Field(default=365, ge=0, le=3660)
    #: Days from the day an official is named as having connived during which findings may
    #: not sanction them: their time to name a defender and be heard (P17).
    conniver_defence_days: int = Field(default=14, ge=0, le=365)


class TransparencyLog(_Strict):
    """The transparency log (P18): the service signs a checkpoint of the ledger's Merkle
    tree whenever a command's entries cross a multiple of ``checkpoint_every``, and the
    server at most ``checkpoint_within_seconds`` after a write no checkpoint covers. In a live
    union a congress's decision (to secede, to join) is recorded within
    ``decisions_recorded_within_days`` of the date it claims, as a signature is."""

    checkpoint_every: int = Field(default=100, ge=1, le=1_000_000)
    #: The server (`isonomia serve`) signs a checkpoint at most this many seconds after a
    #: write no checkpoint covers yet, so a vote's inclusion proof is ready soon after it.
    #: None: only every ``checkpoint_every`` entries, or on demand.
    checkpoint_within_seconds: int | None = Field(default=None, ge=1, le=86_400)
    decisions_recorded_within_days: int = Field(default=7, ge=0, le=365)


class Charter(_Strict):
    """A whole charter, as validated data."""

    charter_version: Literal[1] = 1
    union: UnionIdentity
    members: list[Member] = Field(min_length=2, description="the founding members")
    organs: list[Organ] = Field(min_length=1)
    competences: list[Competence] = Field(default_factory=list)
    presidency: Presidency
    union_council: UnionCouncil
    decision_rules: list[DecisionRule] = Field(min_length=1)
    safeguards: Safeguards = Safeguards()
    accession: Accession
    secession: Secession
    appeals: Appeals = Appeals()
    amendments: Amendments = Amendments()
    motions: Motions = Motions()
    offices: Offices = Offices()
    inspection: InspectionRules = InspectionRules()
    transparency: TransparencyLog = TransparencyLog()
    procedure: Procedure = Procedure()
    elections: list[ElectedOffice] = Field(default_factory=list)
    #: The union's budget (issue 26); None: the union keeps no budget.
    budget: BudgetSettings | None = None

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def election(self, office_id: str) -> ElectedOffice | None:
        """The charter's election to the named office `office_id`, if it has one."""
        return next((e for e in self.elections if e.office == office_id), None)

    def rule(self, rule_id: str) -> DecisionRule | None:
        return next((r for r in self.decision_rules if r.id == rule_id), None)

    def organ(self, organ_id: str) -> Organ | None:
        return next((o for o in self.organs if o.id == organ_id), None)

    def council_organ(self) -> Organ:
        """The union council (the charter's checks guarantee there is exactly one, P4)."""
        return next(o for o in self.organs if o.kind is OrganKind.UNION_COUNCIL)

    def organ_rule(self, organ: Organ) -> DecisionRule:
        """The rule an organ's votes are counted by."""
        chosen = self.rule(organ.decision_rule) if organ.decision_rule else None
        return chosen or self.rule("ordinary") or self.decision_rules[0]

    def amendment_rule(self) -> DecisionRule:
        """The rule a charter amendment is voted by (P10)."""
        rule_id = self.amendments.decision_rule
        chosen = self.rule(rule_id) if rule_id else self.rule("unanimity")
        return chosen or self.rule(self.accession.decision_rule) or self.decision_rules[0]

    def field_kinds(self) -> dict[str, FieldKind]:
        """Every field of competence with its kind; P11's fields are reserved by default."""
        kinds = {name: FieldKind.RESERVED for name in RESERVED_BY_DEFAULT}
        kinds.update({c.field: c.kind for c in self.competences})
        return kinds
