from django.urls import path

from tuquan.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.ReviewListView.as_view(), name="review_list"),
    path("lap-moi/", views.ReviewCreateView.as_view(), name="review_create"),
    path("<int:pk>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path("<int:pk>/sua/", views.ReviewUpdateView.as_view(), name="review_edit"),
    path("<int:pk>/cap-nhat-so-lieu/", views.ReviewRefreshView.as_view(), name="review_refresh"),
    path("<int:pk>/phien-ban/", views.ReviewVersionListView.as_view(), name="version_list"),
    path("<int:pk>/phien-ban/<int:number>/", views.ReviewVersionDetailView.as_view(), name="version_detail"),
    path("<int:pk>/tai-ve.docx", views.ReviewDocxView.as_view(), name="review_docx"),
    path("<int:pk>/tai-ve.pdf", views.ReviewPdfView.as_view(), name="review_pdf"),
]
