"""Choices of the good-practices library."""

from django.db import models


class AttachmentKind(models.TextChoices):
    PHOTO = "photo", "Hình ảnh"
    RULES = "rules", "Quy chế hoạt động"
    DOCUMENT = "document", "Tài liệu khác"
