"""Every page about one object, as a commune officer: another commune's object is a 404, and the
officer's own object's page — HTML, .xlsx, .docx, .pdf or the file itself — holds nothing of another
commune.

The pages come from the URL resolver (``tests/test_permission_matrix.PATTERNS``): a page with a
number in its URL must be in ``ROUTES`` (which object of the world it is about) or in ``EXEMPT`` (why
not), so a page added later cannot escape. The world (tests/security/world.py) writes
``OTHER_MARK`` into every free-text field of the other commune's scheme, team, member, report,
support record, assessment, review, practice and its attachment, commendation and target; the other
officer also has a background job and an API token named with it.
"""

import io
import zipfile
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.security.world import build_world
from tests.test_permission_matrix import OTHER_MARK, PATTERNS, _required, _view_class

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    """How to fill the URL for one side's object (``None``: the page has no object of that side)."""

    own: object
    other: object = None
    post_only: bool = False  # a form's action: GET is 405; never POSTed on the officer's own object
    other_visible: bool = False  # reference data every officer reads (a unit of the map)


def _pk(name):
    return lambda side: {"pk": getattr(side, name).pk}


def _scheme_pk(side):
    return {"scheme_pk": side.scheme.pk}


def _campaign(side):
    return {"pk": side.campaign.pk}


ROUTES = {
    "cong-viec/<int:pk>/": Route(_pk("job"), _pk("job")),
    "cong-viec/<int:pk>/tien-do/": Route(_pk("job"), _pk("job")),
    "cong-viec/<int:pk>/tai-ve/": Route(_pk("job"), _pk("job")),
    "don-vi/<int:pk>/": Route(_pk("unit"), _pk("unit"), other_visible=True),
    "mo-hinh/<int:pk>/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/<int:pk>/sua/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/<int:pk>/huy/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/<int:pk>/sap-nhap/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/<int:pk>/nhan-rong/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/<int:pk>/to/them/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/to/<int:pk>/sua/": Route(_pk("team"), _pk("team")),
    "mo-hinh/<int:pk>/thanh-vien/them/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/thanh-vien/<int:pk>/sua/": Route(_pk("member"), _pk("member")),
    "mo-hinh/thanh-vien/<int:pk>/an-danh/": Route(None, _pk("member"), post_only=True),
    "mo-hinh/<int:pk>/hoat-dong/them/": Route(_pk("scheme"), _pk("scheme")),
    "mo-hinh/hoat-dong/<int:pk>/sua/": Route(_pk("report"), _pk("report")),
    "mo-hinh/excel/xuat/<int:pk>/": Route(_pk("scheme"), _pk("scheme")),
    # A campaign spans the province: the officer's pages of it show only the officer's commune.
    "kiem-tra/dot/<int:pk>/": Route(_campaign),
    "kiem-tra/dot/<int:pk>/ket-qua/": Route(_campaign),
    "kiem-tra/dot/<int:pk>/ket-qua.xlsx": Route(_campaign),
    "kiem-tra/dot/<int:pk>/nhap-excel/": Route(_campaign),
    "kiem-tra/dot/<int:pk>/nhap-excel/mau.xlsx": Route(_campaign),
    "kiem-tra/dot/<int:pk>/mo-hinh/<int:scheme_pk>/": Route(
        None, lambda side: {"pk": side.campaign.pk, "scheme_pk": side.scheme.pk}, post_only=True
    ),
    "kiem-tra/phieu/<int:pk>/": Route(_pk("assessment"), _pk("assessment")),
    "bao-cao/<int:pk>/": Route(_pk("review"), _pk("review")),
    "bao-cao/<int:pk>/sua/": Route(_pk("review"), _pk("review")),
    "bao-cao/<int:pk>/cap-nhat-so-lieu/": Route(None, _pk("review"), post_only=True),
    "bao-cao/<int:pk>/phien-ban/": Route(_pk("review"), _pk("review")),
    "bao-cao/<int:pk>/tai-ve.docx": Route(_pk("review"), _pk("review")),
    "bao-cao/<int:pk>/tai-ve.pdf": Route(_pk("review"), _pk("review")),
    "chi-tieu/<int:year>/": Route(lambda side: {"year": 2026}),
    "chi-tieu/<int:year>/xuat-excel/": Route(lambda side: {"year": 2026}),
    "ho-tro/mo-hinh/<int:scheme_pk>/": Route(_scheme_pk, _scheme_pk),
    "ho-tro/mo-hinh/<int:scheme_pk>/them/": Route(_scheme_pk, _scheme_pk),
    "ho-tro/<int:pk>/sua/": Route(_pk("support"), _pk("support")),
    "dien-hinh/<int:pk>/": Route(_pk("practice"), _pk("practice")),
    "dien-hinh/<int:pk>/sua/": Route(_pk("practice"), _pk("practice")),
    "dien-hinh/<int:pk>/tep/": Route(None, _pk("practice"), post_only=True),
    "dien-hinh/tep/<int:pk>/": Route(_pk("attachment"), _pk("attachment")),
    "khen-thuong/<int:pk>/": Route(_pk("commendation"), _pk("commendation")),
    "tai-khoan/ma-truy-cap/<int:pk>/thu-hoi/": Route(None, _pk("token"), post_only=True),
}
EXEMPT = {
    "bao-cao/<int:pk>/phien-ban/<int:number>/": "a review's saved versions: the world saves none",
    "kiem-tra/phieu/<int:pk>/minh-chung/<int:score_pk>/": "evidence files: the world uploads none "
    "(tuquan/assessments/tests/test_views.py checks them in both communes)",
    "kiem-tra/thanh-loai/<int:pk>/": "eliminations: the world eliminates no scheme "
    "(tuquan/assessments/tests/test_views.py checks them in both communes)",
}


class Side:
    """One commune's objects of the world, plus what belongs to its officer."""

    def __init__(self, world_side, **extra):
        self.__dict__.update(vars(world_side))
        self.__dict__.update(extra)


@pytest.fixture
def sides(users, khanh_hoa, commune, other_commune):
    from tuquan.api.services import api_token_create
    from tuquan.core.jobs import job_file
    from tuquan.core.models import Job, JobStatus

    world = build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text=OTHER_MARK)
    result = {}
    for key, unit, officer, words in (
        ("own", commune, users["commune"], "Vĩnh Hòa"),
        ("other", other_commune, users["other_commune"], OTHER_MARK),
    ):
        job = Job.objects.create(
            kind="schemes.export", label=f"Xuất Excel {words}", user=officer, status=JobStatus.DONE, message=words
        )
        path = job_file(job, "export.csv")
        path.write_text(f"Mô hình;Ghi chú\nTổ tự quản;{words}\n", encoding="utf-8")
        Job.objects.filter(pk=job.pk).update(result_file=f"jobs/{path.name}")
        token, _ = api_token_create(user=officer, name=f"Máy {words}")
        result[key] = Side(world[key], job=job, token=token, unit=unit, campaign=world["campaign"])
    return result


def _url(namespace, pattern, kwargs) -> str:
    return reverse(f"{namespace}:{pattern.name}" if namespace else pattern.name, kwargs=kwargs)


def _body(response) -> str:
    """What the response shows: its text, the XML inside an .xlsx/.docx, or the raw bytes otherwise."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def _object_pages(officer):
    """The pages with a number in their URL that ``officer``'s role may open (the others answer 403,
    which tests/test_permission_matrix.py checks)."""
    for namespace, pattern, route in PATTERNS:
        required = _required(_view_class(pattern))
        if pattern.pattern.converters and all(officer.has_perm(permission) for permission in required):
            yield namespace, pattern, route


def test_every_object_page_is_in_the_table(users):
    routes = {route for _, _, route in _object_pages(users["commune"])}
    missing = sorted(routes - ROUTES.keys() - EXEMPT.keys())
    assert not missing, f"say which object of the world these pages are about: {missing}"
    gone = sorted((ROUTES.keys() | EXEMPT.keys()) - routes)
    assert not gone, f"pages that no longer exist, or that a commune officer may no longer open: {gone}"


def test_object_pages_of_a_commune_officer(client, users, sides):
    officer = users["commune"]
    client.force_login(officer)
    failures, own_checked, other_checked = [], 0, 0
    for namespace, pattern, route in _object_pages(officer):
        if route in EXEMPT:
            continue
        spec = ROUTES[route]
        if spec.other is not None:
            url = _url(namespace, pattern, spec.other(sides["other"]))
            response = client.post(url) if spec.post_only else client.get(url)
            other_checked += 1
            if spec.other_visible:
                if response.status_code != 200 or OTHER_MARK in _body(response):
                    failures.append(f"{url} (another commune's, readable by all) → {response.status_code}")
            elif response.status_code != 404:
                failures.append(f"{url} (another commune's) → {response.status_code}, not 404")
        if spec.own is not None and not spec.post_only:
            url = _url(namespace, pattern, spec.own(sides["own"]))
            response = client.get(url, follow=True)  # a PDF without LibreOffice goes back to its review
            own_checked += 1
            if response.status_code != 200:
                failures.append(f"{url} (the officer's own) → {response.status_code}")
            elif OTHER_MARK in _body(response):
                failures.append(f"{url} (the officer's own) shows another commune's data")
    assert own_checked >= 35 and other_checked >= 30
    assert not failures, "\n".join(failures)


def test_the_mark_is_found_where_it_may_be_read(client, users, sides):
    """The province officer reads the other commune's pages, mark included: the check above can fail."""
    other = sides["other"]
    client.force_login(users["pv05"])
    for url in (
        reverse("schemes:scheme_detail", args=[other.scheme.pk]),
        reverse("practices:practice_detail", args=[other.practice.pk]),
        reverse("practices:attachment_download", args=[other.attachment.pk]),
        reverse("commendations:commendation_detail", args=[other.commendation.pk]),
        reverse("reviews:review_docx", args=[other.review.pk]),
        reverse("targets:year", args=[2026]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert OTHER_MARK in _body(response), url
