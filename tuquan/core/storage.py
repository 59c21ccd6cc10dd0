"""Static files in production: WhiteNoise's compressed, hashed files, their addresses looked up once."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """``{% static %}`` asks the manifest for the hashed name of each file on every page (~0,1 ms a
    file, a dozen a page). The manifest does not change while the process runs (``collectstatic``
    is followed by a restart), so each address is worked out once."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = super().url(name)
        return address
