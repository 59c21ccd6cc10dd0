"""What an import of the scheme registry would do (or did): its rows with their action (create,
update, unchanged) and changes, its errors by row and column, and the related sheets' counts.

``importers.import_plan`` builds an ``ImportPlan``; a preview stores it as JSON (``to_json`` /
``from_json``) for the background job and the confirmation page (tasks.py).
"""

from dataclasses import asdict, dataclass, field

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class RowError:
    row: int | None
    column: str
    message: str
    sheet: str = ""


@dataclass
class Change:
    header: str
    before: str
    after: str


@dataclass
class PlannedRow:
    row: int
    action: str
    name: str
    kind: str
    commune: str
    code: str = ""
    scheme_id: int | None = None
    changes: list[Change] = field(default_factory=list)
    stt: str = ""
    # rows of the related sheets that go to this scheme: [{"title", "created", "updated", "unchanged"}]
    related: list[dict] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    sheet: str = ""
    total_rows: int = 0
    related: list[dict] = field(default_factory=list)  # per related sheet: title, created, updated, unchanged

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def to_write(self) -> int:
        """Rows that confirming would create or update, on every sheet."""
        return self.created + self.updated + sum(sheet["created"] + sheet["updated"] for sheet in self.related)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def error_rows(self) -> int:
        return len({(error.sheet, error.row) for error in self.errors if error.row is not None})

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "ImportPlan":
        rows = [
            PlannedRow(**{**row, "changes": [Change(**change) for change in row.get("changes", [])]})
            for row in data.get("rows", [])
        ]
        errors = [RowError(**error) for error in data.get("errors", [])]
        return cls(
            rows=rows,
            errors=errors,
            ignored_headers=list(data.get("ignored_headers", [])),
            sheet=data.get("sheet", ""),
            total_rows=data.get("total_rows", 0),
            related=list(data.get("related", [])),
        )


class ImportRejected(Exception):
    """Raised inside the import transaction to roll it back; carries the plan with its errors."""

    def __init__(self, plan: ImportPlan):
        super().__init__("import rejected")
        self.plan = plan
