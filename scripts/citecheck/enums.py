"""The fixed vocabularies: severities and rule codes."""

from __future__ import annotations

# Members are their string values, so `finding.severity == "error"` holds and JSON shows the value.
from enum import StrEnum

__all__ = ["Code", "Severity", "StrEnum"]


class Severity(StrEnum):
    ERROR = "error"  # fails the check (exit status 1)
    WARNING = "warning"  # counted in the summary only


class Code(StrEnum):
    """Every rule's code. A member's name, in lower-case kebab-case, is the rule's short name,
    as messages show it after the code (CL001/uncited-item)."""

    UNCITED_ITEM = "CL001"
    UNKNOWN_KEY = "CL002"
    MISSING_ID = "CL003"
    DUPLICATE_ID = "CL004"
    BAD_ID = "CL005"
    SECONDARY_SOURCE = "CL006"
    LOOSE_LIST = "CL007"
    CITATION_IN_HEADING = "CL008"
    CITATION_IN_CODE = "CL009"
    GLUED_LIST = "CL010"
    SNIPPET_CONTENT = "CL011"
    FRONT_MATTER = "CL012"
    MISSING_BASIS = "CL013"
    UNKNOWN_BASIS = "CL014"
    BASIS_FORM = "CL015"
    LONG_QUOTE = "CL016"
    BASIS_CREDIT = "CL017"
    SHARED_QUOTE = "CL018"
    QUOTED_WORDS = "CL019"
    QUOTE_NOT_IN_SOURCE = "CL020"
    PARSE_ERROR = "BIB001"
    DUPLICATE_KEY = "BIB002"
    MISSING_FIELD = "BIB003"
    PROVENANCE = "BIB004"
    UNKNOWN_CITEDIN = "BIB005"
    UNUSED_ENTRY = "BIB006"
    KEY_ORDER = "BIB007"
    NO_CITEDIN = "BIB008"
    MISSING_FRONT_MATTER = "FM001"
    BAD_DATE = "FM002"
    UNKNOWN_NAME = "FM003"
    REVIEW_ORDER = "FM004"
    REPEATED_NAME = "FM005"
    STRAIGHT_QUOTE = "FM006"
    BROKEN_LINK = "LNK001"
    BROKEN_ANCHOR = "LNK002"
    PAGE_GONE = "PUB001"
    ID_GONE = "PUB002"

    @property
    def rule_name(self) -> str:
        return self.name.lower().replace("_", "-")
