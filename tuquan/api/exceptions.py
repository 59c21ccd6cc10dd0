"""One shape for every API error, never a 500 for bad input.

``{"detail": "<Vietnamese>", "detail_en": "<English>", "code": "<machine code>",
"errors": {"<field>": ["<message>", ...]}}`` — ``errors`` only for validation errors, with
``non_field_errors`` for errors about the whole object. Django ``ValidationError`` raised by
the services becomes a 400 with the same field errors the pages show; a stale ``version``
becomes 409.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    # code: (Vietnamese, English)
    "invalid": ("Dữ liệu gửi lên không hợp lệ.", "Invalid input."),
    "parse_error": ("Nội dung yêu cầu không phải JSON hợp lệ.", "Malformed request body."),
    "not_authenticated": (
        "Chưa xác thực: gửi tiêu đề Authorization: Bearer <mã truy cập> hoặc đăng nhập.",
        "Authentication credentials were not provided.",
    ),
    "authentication_failed": ("Mã truy cập không hợp lệ.", "Invalid authentication credentials."),
    "permission_denied": (
        "Vai trò của bạn không có quyền thực hiện thao tác này.",
        "You do not have permission to perform this action.",
    ),
    "not_found": (
        "Không tìm thấy đối tượng hoặc đối tượng nằm ngoài địa bàn bạn phụ trách.",
        "Not found (or outside your jurisdiction).",
    ),
    "method_not_allowed": ("Phương thức không được hỗ trợ.", "Method not allowed."),
    "not_acceptable": ("Không hỗ trợ định dạng phản hồi được yêu cầu.", "Could not satisfy the Accept header."),
    "unsupported_media_type": (
        "Chỉ nhận nội dung dạng application/json.",
        "Unsupported media type: send application/json.",
    ),
    "throttled": ("Quá nhiều yêu cầu, hãy thử lại sau.", "Request was throttled."),
    "conflict": (
        "Bản ghi đã được người khác sửa: tải lại để lấy phiên bản (version) mới nhất rồi gửi lại.",
        "The record was changed by someone else: fetch the latest version and retry.",
    ),
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = MESSAGES["conflict"][0]
    default_code = "conflict"


def django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError as ``{field: [messages]}`` (``__all__`` → ``non_field_errors``)."""
    if hasattr(exc, "error_dict"):
        errors = exc.message_dict
    else:
        errors = {NON_FIELD_ERRORS: exc.messages}
    return {("non_field_errors" if field == NON_FIELD_ERRORS else field): list(msgs) for field, msgs in errors.items()}


def _code_of(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    code = exc.default_code
    return code if isinstance(code, str) else "error"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = _code_of(exc)
    vietnamese, english = MESSAGES.get(code, (None, None))
    body = {"detail": vietnamese or _text(response.data), "detail_en": english or "", "code": code}
    if isinstance(exc, exceptions.ValidationError):
        body["errors"] = _field_errors(response.data)
    elif code == "parse_error":
        body["detail_en"] = _text(response.data)
    elif code in {"permission_denied", "authentication_failed", "conflict", "throttled"}:
        # The specific reason given where the error was raised (a service, the token check).
        specific = _text(response.data)
        if specific and specific != str(exc.default_detail):
            body["detail"] = specific
    return Response(body, status=response.status_code, headers=_headers(response))


def _headers(response) -> dict:
    return {name: value for name, value in response.items() if name in {"WWW-Authenticate", "Allow", "Retry-After"}}


def _text(data) -> str:
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    if isinstance(data, list) and data:
        return str(data[0])
    return str(data) if data else ""


def _field_errors(data) -> dict:
    if isinstance(data, list):
        return {"non_field_errors": [str(item) for item in data]}
    if not isinstance(data, dict):
        return {"non_field_errors": [str(data)]}
    return {str(field): _flatten(messages) for field, messages in data.items()}


def _flatten(messages):
    """Field messages as a list of strings; nested serializers keep their structure."""
    if isinstance(messages, dict):
        return {str(key): _flatten(value) for key, value in messages.items()}
    if isinstance(messages, list):
        if all(not isinstance(item, dict | list) for item in messages):
            return [str(item) for item in messages]
        return [_flatten(item) for item in messages]
    return [str(messages)]
