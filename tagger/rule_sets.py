"""The rule sets ``ixtag validate --rules`` checks a report against.

    RULE_SETS["core"]   XBRL 2.1, Dimensions, Inline XBRL, Calculations 1.1, duplicates
    RULE_SETS["esef"]   the same, plus Arelle's ESEF plugin (ESMA's RTS on ESEF, 2025 rules)

A rule set may name codes that a filing outside the European Union cannot meet, each with
the reason: they never fail a report (not even with --strict) and are listed apart, "not
applicable outside the EU", never hidden.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RuleSet(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    plugins: str | None = None  # Arelle plugin(s) that check the rules
    disclosure_system: str | None = None  # Arelle's disclosure system name
    not_applicable: dict[str, str] = Field(default_factory=dict)  # code -> why

    def applies(self, code: str) -> bool:
        return code not in self.not_applicable


# ESEF codes that only an EU filing, on ESMA's taxonomy, can meet.
_EU_ONLY = {
    "ESEF.RTS.efrsCoreRequired": "needs ESMA's ESEF core taxonomy (esef_cor), which only an "
    "EU filing imports; a Hong Kong report is on the IFRS Taxonomy itself",
    "ESEF.3.1.2.requiredEntryPointNotImported": "needs the extension to import an entry point "
    "of ESMA's ESEF taxonomy",
    "ESEF.1.2.IFRSNotYetIncluded": "compares each IFRS concept's taxonomy year with the year "
    "of the imported ESMA taxonomy; with none imported, every IFRS concept is flagged",
}

RULE_SETS: dict[str, RuleSet] = {
    "core": RuleSet(name="core"),
    "esef": RuleSet(
        name="esef",
        plugins="validate/ESEF",
        disclosure_system="esef",
        not_applicable=_EU_ONLY,
    ),
}
