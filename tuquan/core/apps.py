from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tuquan.core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from tuquan.core import tables
        from tuquan.core.text import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
        tables.install()
