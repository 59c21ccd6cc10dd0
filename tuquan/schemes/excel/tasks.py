"""The Excel import and export as background jobs (``tuquan.core.jobs``), run by ``manage.py db_worker``.

Views start them for large files and lists (``importers.SYNC_ROWS``, ``exporters.SYNC_SCHEMES``);
smaller ones run in the request, where they take less time than a trip through the queue.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.tasks import task
from django.urls import reverse

from tuquan.core.jobs import JobFailed, job_file, jobs_dir, run_job
from tuquan.core.models import Job
from tuquan.schemes.excel import exporters, importers
from tuquan.schemes.excel.plan import ImportPlan
from tuquan.schemes.filtersets import filtered_schemes_for

DATABASE_LOST = (
    "Mất kết nối tới cơ sở dữ liệu trong lúc ghi: không có dòng nào được ghi (cả tệp được hủy, "
    "sổ đăng ký giữ nguyên như trước khi nhập). Hãy tải tệp lên và nhập lại sau ít phút."
)


def imports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_path(key: str, extension: str) -> Path | None:
    """The kept upload named by ``key`` (a uuid) and ``extension``, if both are well-formed."""
    try:
        key = uuid.UUID(str(key)).hex
    except ValueError:
        return None
    if extension not in importers.EXTENSIONS:
        return None
    return imports_dir() / f"{key}.{extension}"


def _upload_of(job: Job) -> tuple[Path, str]:
    extension = job.params.get("ext", "")
    path = upload_path(job.params.get("key", ""), extension)
    if path is None or not path.is_file():
        raise JobFailed("Tệp tải lên không còn trên máy chủ (đã nhập, đã hủy hoặc quá một ngày); hãy tải lên lại.")
    return path, extension


def _upload_again() -> dict:
    return {"next_url": reverse("schemes:excel_import_upload"), "next_label": "Tải tệp khác"}


def number(value: int) -> str:
    """1234 → '1.234' (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def related_summary(plan: ImportPlan) -> str:
    """'; trang «Tổ»: 3 thêm mới, 1 cập nhật' for the related sheets of the file, if any."""
    return "".join(
        f"; trang «{sheet['title']}»: {number(sheet['created'])} thêm mới, {number(sheet['updated'])} cập nhật"
        for sheet in plan.related
    )


def plan_summary(plan: ImportPlan) -> str:
    return (
        f"{number(plan.created)} thêm mới, {number(plan.updated)} cập nhật, {number(plan.unchanged)} không đổi, "
        f"{number(plan.error_rows)} dòng lỗi"
    )


# --------------------------------------------------------------------------- import


@task()
def import_preview_task(job_id: int) -> dict:
    return run_job(job_id, _preview)


def _preview(job: Job, progress) -> dict:
    path, extension = _upload_of(job)
    try:
        plan = importers.import_plan(user=job.user, path=path, extension=extension, progress=progress)
    except (importers.ImportFileError, PermissionDenied) as exc:
        raise JobFailed(str(exc), result=_upload_again()) from exc
    plan_file = job_file(job, "plan.json")
    plan_file.write_text(json.dumps(plan.to_json(), ensure_ascii=False), encoding="utf-8")
    return {
        "message": f"Đã kiểm tra xong: {plan_summary(plan)}{related_summary(plan)}.",
        "plan": plan_file.name,
        "ok": plan.ok,
        "next_url": reverse("schemes:excel_import_preview"),
        "next_label": "Xem kết quả kiểm tra",
    }


def stored_plan(job: Job) -> ImportPlan | None:
    """The plan a finished preview job wrote, or None."""
    name = job.result.get("plan") if isinstance(job.result, dict) else None
    if not name or Path(name).name != name:
        return None
    try:
        return ImportPlan.from_json(json.loads((jobs_dir() / name).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


@task()
def import_apply_task(job_id: int) -> dict:
    return run_job(job_id, _apply)


def _apply(job: Job, progress) -> dict:
    path, extension = _upload_of(job)
    try:
        with progress.transaction():
            plan = importers.scheme_import_apply(user=job.user, path=path, extension=extension, progress=progress)
    except (OperationalError, InterfaceError) as exc:
        raise JobFailed(DATABASE_LOST, result=_upload_again()) from exc
    except (importers.ImportFileError, PermissionDenied) as exc:
        path.unlink(missing_ok=True)
        raise JobFailed(str(exc), result=_upload_again()) from exc
    path.unlink(missing_ok=True)
    name = job.params.get("name", "")
    if not plan.ok:
        raise JobFailed(
            f"Chưa ghi dòng nào: tệp {name} còn lỗi ở {number(plan.error_rows)} dòng (có thể dữ liệu vừa thay "
            "đổi sau khi xem trước). Sửa các lỗi dưới đây trong tệp rồi tải lên lại.",
            errors=[
                {"sheet": error.sheet or plan.sheet, "row": error.row, "column": error.column, "message": error.message}
                for error in plan.errors
            ],
            result=_upload_again(),
        )
    return {
        "message": f"Đã nhập tệp {name}: {number(plan.created)} mô hình mới, {number(plan.updated)} mô hình "
        f"cập nhật, {number(plan.unchanged)} dòng không thay đổi{related_summary(plan)}.",
        "created": plan.created,
        "updated": plan.updated,
        "next_url": reverse("schemes:scheme_list"),
        "next_label": "Xem sổ đăng ký mô hình",
    }


# --------------------------------------------------------------------------- export


@task()
def export_task(job_id: int) -> dict:
    return run_job(job_id, _export)


def _export(job: Job, progress) -> dict:
    from django.http import QueryDict

    query = QueryDict(job.params.get("query", ""))
    schemes = filtered_schemes_for(job.user, query)
    filename = job.params.get("filename", "so-dang-ky-mo-hinh.xlsx")
    target = job_file(job, "export.xlsx")
    exporters.export_workbook_to(
        target,
        user=job.user,
        schemes=schemes,
        sheets=job.params.get("sheets", ["schemes"]),
        description=query.urlencode(),
        progress=progress,
    )
    Job.objects.filter(pk=job.pk).update(result_file=str(target.relative_to(Path(settings.MEDIA_ROOT))))
    return {"message": f"Đã xuất xong tệp {filename}.", "filename": filename}
