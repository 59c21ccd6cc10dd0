"""What every endpoint shares: the scoping rule, no login redirect, the services as the only writers."""

from django.contrib.auth.decorators import login_not_required
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from tuquan.core.scoping import get_for_user


class ApiViewMixin:
    """API views answer 401 in JSON themselves: the site's login redirect does not apply.

    (DRF 3.15+ already marks its views so; this keeps it true should that default change.)
    """

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class ScopedViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """A viewset over a scoped model.

    ``base_queryset()`` says what to select (joins, filters); the rows come through
    ``Model.objects.restrict(user, "view" | "change")`` — reads see the jurisdiction, writes
    only what the user may change — so an object outside the jurisdiction is a 404.
    """

    search_field: str | None = None

    def base_queryset(self):
        return self.queryset.all()

    def scope_action(self) -> str:
        return "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "change"

    def get_queryset(self):
        return self.base_queryset().restrict(self.request.user, self.scope_action())

    def get_object(self):
        obj = get_for_user(self.get_queryset(), self.request.user, self.scope_action(), pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, obj)
        return obj


class ServiceSerializersMixin:
    """Writes call a service instead of ``serializer.save()``.

    ``create_serializer_class`` / ``update_serializer_class`` only parse and type-check the
    payload; the service validates the rules and writes (the same function the page's form
    calls) and the answer is the object read back through ``serializer_class``. A service's
    ``ValidationError`` becomes a 400 with field errors through the exception handler.
    """

    create_serializer_class = None
    update_serializer_class = None

    def get_serializer_class(self):
        if self.action == "create" and self.create_serializer_class is not None:
            return self.create_serializer_class
        if self.action in ("update", "partial_update") and self.update_serializer_class is not None:
            return self.update_serializer_class
        return super().get_serializer_class()

    def read_back(self, instance):
        return self.base_queryset().get(pk=instance.pk)

    def respond(self, instance, status_code: int) -> Response:
        serializer = self.serializer_class(self.read_back(instance), context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)


class ServiceCreateMixin(ServiceSerializersMixin):
    """POST: ``service_create(validated_data)`` → 201 with the object as read."""

    def service_create(self, data: dict):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.service_create(dict(serializer.validated_data))
        return self.respond(instance, status.HTTP_201_CREATED)


class ServiceUpdateMixin(ServiceSerializersMixin):
    """PUT/PATCH: ``service_update(instance, validated_data)`` → 200 with the object as read."""

    def service_update(self, instance, data: dict):
        raise NotImplementedError

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instance = self.service_update(instance, dict(serializer.validated_data))
        return self.respond(instance, status.HTTP_200_OK)

    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)


class ReadCreateUpdateViewSet(
    ServiceCreateMixin,
    ServiceUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ScopedViewSet,
):
    """List, retrieve, create, update (PUT/PATCH); no delete: the registry keeps its rows (405)."""


class ReadOnlyScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key given by id that must be visible to (or changeable by) the caller.

    An id outside the jurisdiction answers "does not exist", exactly like an unknown id.
    """

    default_error_messages = {
        "required": "Trường này là bắt buộc.",
        "does_not_exist": "Không tìm thấy đối tượng có mã {pk_value} trong địa bàn bạn phụ trách.",
        "incorrect_type": "Mã không hợp lệ: cần một số nguyên, nhận được {data_type}.",
    }

    def __init__(self, *, model, action: str = "view", filter=None, **kwargs):  # noqa: A002
        self.model = model
        self.scope_action = action
        self.extra_filter = filter or {}
        kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        queryset = self.model.objects.all()
        if hasattr(queryset, "restrict"):
            queryset = queryset.restrict(user, self.scope_action)
        return queryset.filter(**self.extra_filter)

    def to_internal_value(self, data):
        # 1.5 would be cast to id 1 by the database lookup: an id is an integer or its digits, nothing else.
        if isinstance(data, bool | float) or (isinstance(data, str) and not data.strip().isdigit()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class SelectorListMixin:
    """A list whose filters go to the page's selector, not to a FilterSet.

    Pages that filter through a form and a selector (``practice_list(q=, year=, ...)``) keep
    that one selector: ``list_params_serializer`` parses the query string (a bad value is a 400
    with field errors, like a FilterSet) and ``list_params()`` hands the values to it. Only the
    list is filtered; one object is fetched by id whatever the query string says.
    """

    list_params_serializer = None

    def list_params(self) -> dict:
        if getattr(self, "action", None) != "list" or self.list_params_serializer is None:
            return {}
        params = self.list_params_serializer(data=self.request.query_params, context=self.get_serializer_context())
        params.is_valid(raise_exception=True)
        return dict(params.validated_data)
