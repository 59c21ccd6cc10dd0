"""A lost database connection is told to the user, not shown as a traceback or a bare 500.

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
