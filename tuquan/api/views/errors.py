from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from tuquan.api.exceptions import MESSAGES


@csrf_exempt
@login_not_required
def not_found(request, *args, **kwargs):
    """Unknown addresses under /api/v1/ answer in JSON like every other API error."""
    vietnamese, english = MESSAGES["not_found"]
    return JsonResponse({"detail": vietnamese, "detail_en": english, "code": "not_found"}, status=404)


not_found.public = True
