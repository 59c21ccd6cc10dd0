"""Error pages speak Vietnamese and keep the menu, so a user who lands on one can go on."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_page_the_role_may_not_open_says_so_in_vietnamese_with_the_menu(client, users):
    client.force_login(users["viewer"])
    response = client.get("/mo-hinh/them/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in page and 'data-testid="main-nav"' in page
    assert "Forbidden" not in page


def test_an_address_that_does_not_exist_says_so_in_vietnamese_with_the_menu(client, users):
    client.force_login(users["pv05"])
    response = client.get("/khong-co-trang-nay/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and 'data-testid="main-nav"' in page
    assert "Not Found" not in page


def test_a_server_error_page_needs_no_database_and_speaks_vietnamese(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in response.content.decode()
