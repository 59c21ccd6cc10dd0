"""Requests the database cannot take.

A lost database connection is told to the user, not shown as a traceback or a bare 500.

When the database goes away in the middle of a request (``OperationalError``/``InterfaceError``:
server restarted, network cut, disk full), the service's ``transaction.atomic`` has already
rolled back, so nothing of the request was saved. The user gets a Vietnamese page (503) saying
exactly that; API callers get the usual JSON error. The page is rendered without the request's
context processors: they would query the database that just failed.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("tuquan.database")

MESSAGE = (
    "Mất kết nối tới cơ sở dữ liệu nên thao tác chưa được lưu (không có dữ liệu nào bị ghi dở). "
    "Vui lòng thử lại sau ít phút."
)
MESSAGE_EN = "The database connection was lost; nothing of this request was saved. Try again in a few minutes."


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable during %s %s", request.method, request.path, exc_info=exception)
        if request.path.startswith("/api/"):
            body = {"detail": MESSAGE, "detail_en": MESSAGE_EN, "code": "database_unavailable"}
            response = JsonResponse(body, status=503)
        else:
            html = render_to_string("core/database_unavailable.html", {"message": MESSAGE, "path": request.path})
            response = HttpResponse(html, status=503)
        response["Retry-After"] = "60"
        return response


NUL_MESSAGE = "Địa chỉ có ký tự không hợp lệ (ký tự NUL); hãy xóa ký tự lạ trong ô tìm kiếm hoặc bộ lọc rồi thử lại."


class RejectNulCharactersMiddleware:
    """A NUL character in a query string is answered 400 before any view runs.

    PostgreSQL refuses NUL in text values (``ValueError: A string literal cannot contain NUL``),
    so ``?q=%00`` reached the database as a 500 from every search that is not a Django form field
    (forms already refuse it with ``ProhibitNullCharactersValidator``). One rule for every page,
    API list and future view; found by tests/security/test_hostile_queries.py on PostgreSQL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            if request.path.startswith("/api/"):
                body = {"detail": NUL_MESSAGE, "detail_en": "NUL character in the query string.", "code": "invalid"}
                return JsonResponse(body, status=400)
            html = (
                '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Yêu cầu không hợp lệ</title>'
                f"<p>{NUL_MESSAGE}</p></html>"
            )
            return HttpResponse(html, status=400)
        return self.get_response(request)
