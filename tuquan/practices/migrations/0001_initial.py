"""Good practices move from ``reviews``: the models enter this app's state only.

The tables stay where ``reviews`` created them (``db_table``); ``0002`` renames them.
"""

import django.db.models.deletion
import tuquan.practices.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0001_initial'),
        ('reviews', '0002_good_practices_commendations'),
        ('schemes', '0002_seed_scheme_kinds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='GoodPractice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=300, verbose_name='tên kinh nghiệm, điển hình')),
                        ('summary', models.TextField(blank=True, verbose_name='tóm tắt')),
                        ('body', models.TextField(blank=True, verbose_name='nội dung')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('field', models.CharField(blank=True, choices=[('nong_thon', 'Nông thôn'), ('do_thi', 'Đô thị'), ('ton_giao', 'Tôn giáo'), ('dan_toc', 'Dân tộc thiểu số'), ('doan_the', 'Đoàn thể'), ('co_quan', 'Cơ quan – doanh nghiệp – nhà trường'), ('cong_nghe', 'Ứng dụng công nghệ')], max_length=20, verbose_name='lĩnh vực')),
                        ('tags', models.CharField(blank=True, help_text='Cách nhau bằng dấu phẩy, ví dụ: camera, thanh niên, giáo xứ.', max_length=300, verbose_name='từ khóa')),
                        ('search_text', models.TextField(blank=True, editable=False, verbose_name='chuỗi tìm kiếm')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ngày cập nhật')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='good_practices_created', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('schemes', models.ManyToManyField(blank=True, related_name='good_practices', to='schemes.scheme', verbose_name='mô hình')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='good_practices', to='places.adminunit', verbose_name='đơn vị')),
                    ],
                    options={
                        'db_table': 'reviews_goodpractice',
                        'constraints': [models.CheckConstraint(condition=models.Q(('year__gte', 1945), ('year__lte', 2100)), name='reviews_goodpractice_year_range')],
                        'verbose_name': 'kinh nghiệm hay, điển hình tiên tiến',
                        'verbose_name_plural': 'kinh nghiệm hay, điển hình tiên tiến',
                        'ordering': ['-year', 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='GoodPracticeAttachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('photo', 'Hình ảnh'), ('rules', 'Quy chế hoạt động'), ('document', 'Tài liệu khác')], default='document', max_length=10, verbose_name='loại tệp')),
                        ('file', models.FileField(max_length=200, upload_to=tuquan.practices.models._attachment_path, verbose_name='tệp')),
                        ('original_name', models.CharField(max_length=255, verbose_name='tên tệp')),
                        ('content_type', models.CharField(max_length=100, verbose_name='kiểu nội dung')),
                        ('size', models.PositiveIntegerField(verbose_name='dung lượng (byte)')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tải lên')),
                        ('practice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='attachments', to='practices.goodpractice', verbose_name='kinh nghiệm, điển hình')),
                        ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên')),
                    ],
                    options={
                        'db_table': 'reviews_goodpracticeattachment',
                        'verbose_name': 'tệp đính kèm',
                        'verbose_name_plural': 'tệp đính kèm',
                        'ordering': ['practice', 'uploaded_at'],
                    },
                ),
            ],
        ),
    ]
