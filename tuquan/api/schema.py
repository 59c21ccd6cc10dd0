"""OpenAPI post-processing: every operation documents the error answers it can give.

All errors share one shape (tuquan.api.exceptions): ``detail`` (Vietnamese), ``detail_en``,
``code`` and, for 400, ``errors`` by field. Documenting them lets clients (and the
schemathesis run in the tests) check every answer against the schema, not only the 2xx.
"""

from drf_spectacular.utils import extend_schema

ERROR_SCHEMA = {
    "type": "object",
    "description": "Lỗi: thông báo tiếng Việt, tiếng Anh, mã lỗi và lỗi theo từng trường (với 400).",
    "properties": {
        "detail": {"type": "string", "description": "Thông báo lỗi tiếng Việt."},
        "detail_en": {"type": "string", "description": "The message in English."},
        "code": {"type": "string", "description": "Mã lỗi: invalid, not_found, permission_denied, conflict, ..."},
        "errors": {
            "type": "object",
            "description": "Lỗi theo trường: tên trường → danh sách thông báo (non_field_errors: lỗi chung).",
            "additionalProperties": {},
        },
    },
    "required": ["detail", "code"],
}

ERROR_DESCRIPTIONS = {
    "400": "Dữ liệu không hợp lệ (lỗi theo từng trường trong errors).",
    "401": "Chưa xác thực hoặc mã truy cập không hợp lệ.",
    "403": "Vai trò không có quyền thực hiện thao tác.",
    "404": "Không tìm thấy, hoặc nằm ngoài địa bàn phụ trách.",
    "405": "Phương thức không được hỗ trợ.",
    "409": "Xung đột phiên bản: bản ghi đã được người khác sửa.",
    "415": "Chỉ nhận application/json.",
}
WRITE_METHODS = {"post", "put", "patch"}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "401", "403", "404", "405"]
            if method in WRITE_METHODS:
                codes.append("415")
            if method in {"put", "patch"} or (method == "post" and "{id}" in path):
                codes.append("409")  # a stale ``version``
            for code in codes:
                operation["responses"].setdefault(code, {"description": ERROR_DESCRIPTIONS[code], "content": reference})
    return result


def write_schema(tag: str, read, write, noun: str) -> dict:
    """The create/update/partial_update documentation of a viewset written through a service."""
    return {
        "create": extend_schema(summary=f"Thêm {noun}", tags=[tag], request=write, responses={201: read}),
        "update": extend_schema(summary=f"Sửa {noun}", tags=[tag], request=write, responses={200: read}),
        "partial_update": extend_schema(
            summary=f"Sửa một phần {noun}", tags=[tag], request=write, responses={200: read}
        ),
    }
