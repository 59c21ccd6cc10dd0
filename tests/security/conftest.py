"""Files the security tests write (practice attachments, exports, imports) go to a temporary MEDIA_ROOT."""

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
