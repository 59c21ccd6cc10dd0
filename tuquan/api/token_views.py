"""The account page where a user creates and revokes their personal API tokens."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, View

from tuquan.api import services
from tuquan.api.forms import ApiTokenForm
from tuquan.api.models import ApiToken
from tuquan.core.views import ScopedPermissionMixin


class ApiTokenListView(ScopedPermissionMixin, FormView):
    """List my tokens; POST creates one and shows its secret on this response only."""

    permission_required = ()  # every signed-in user manages their own tokens (and only those)
    template_name = "api/token_list.html"
    form_class = ApiTokenForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tokens"] = ApiToken.objects.owned_by(self.request.user)
        return context

    def form_valid(self, form):
        try:
            token, secret = services.api_token_create(user=self.request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            return self.form_invalid(form)
        # Rendered, not redirected: the secret must not travel through the session or the URL.
        response = self.render_to_response(
            self.get_context_data(form=self.form_class(), new_token=token, new_secret=secret)
        )
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(ScopedPermissionMixin, View):
    permission_required = ()

    def post(self, request, pk):
        token = get_object_or_404(ApiToken.objects.owned_by(request.user), pk=pk)
        services.api_token_revoke(user=request.user, token=token)
        messages.success(request, f"Đã thu hồi mã truy cập \u201c{token.name}\u201d.")
        return redirect("api_tokens:list")
