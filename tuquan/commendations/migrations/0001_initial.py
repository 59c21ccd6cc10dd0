"""Commendations move from ``reviews``: the model enters this app's state only.

The tables stay where ``reviews`` created them (``db_table``); ``0002`` renames them.
"""

import django.db.models.deletion
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
                    name='Commendation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('recipient_kind', models.CharField(choices=[('scheme', 'Mô hình, tổ chức tự quản'), ('person', 'Cá nhân')], default='scheme', max_length=10, verbose_name='đối tượng khen thưởng')),
                        ('person_name', models.CharField(blank=True, max_length=150, verbose_name='họ và tên')),
                        ('person_role', models.CharField(blank=True, max_length=150, verbose_name='chức vụ')),
                        ('person_unit', models.CharField(blank=True, max_length=200, verbose_name='đơn vị công tác')),
                        ('title', models.CharField(max_length=200, verbose_name='hình thức khen thưởng (tên đầy đủ)')),
                        ('award_form', models.CharField(choices=[('giay_khen', 'Giấy khen'), ('bang_khen', 'Bằng khen'), ('ky_niem_chuong', 'Kỷ niệm chương'), ('co_thi_dua', 'Cờ thi đua'), ('khac', 'Hình thức khác')], max_length=16, verbose_name='hình thức')),
                        ('level', models.CharField(choices=[('ca_xa', 'Công an xã/phường'), ('ca_tinh', 'Công an tỉnh'), ('ubnd_xa', 'UBND xã/phường'), ('ubnd_tinh', 'UBND tỉnh'), ('bo_cong_an', 'Bộ Công an'), ('thu_tuong', 'Thủ tướng Chính phủ'), ('khac', 'Cấp khác')], max_length=12, verbose_name='cấp khen thưởng')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('decision_number', models.CharField(blank=True, max_length=60, verbose_name='số quyết định')),
                        ('decision_date', models.DateField(blank=True, null=True, verbose_name='ngày quyết định')),
                        ('issuer', models.CharField(blank=True, max_length=200, verbose_name='người/cơ quan ký')),
                        ('reason', models.TextField(blank=True, verbose_name='thành tích, lý do')),
                        ('status', models.CharField(choices=[('proposed', 'Đề nghị'), ('approved', 'Đã khen thưởng')], db_index=True, default='proposed', max_length=10, verbose_name='tình trạng')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ngày cập nhật')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations_created', to=settings.AUTH_USER_MODEL, verbose_name='người lập')),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='schemes.member', verbose_name='thành viên')),
                        ('scheme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='schemes.scheme', verbose_name='mô hình')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commendations', to='places.adminunit', verbose_name='xã/phường/đặc khu')),
                    ],
                    options={
                        'db_table': 'reviews_commendation',
                        'verbose_name': 'khen thưởng',
                        'verbose_name_plural': 'khen thưởng',
                        'ordering': ['-year', '-decision_date', '-pk'],
                        'permissions': [('approve_commendation', 'Ghi quyết định khen thưởng')],
                        'indexes': [models.Index(fields=['scheme', 'year'], name='reviews_commend_scheme_yr')],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('recipient_kind', 'scheme'), _negated=True), ('scheme__isnull', False), _connector='OR'), name='reviews_commendation_scheme_recipient_has_scheme'), models.CheckConstraint(condition=models.Q(models.Q(('recipient_kind', 'person'), _negated=True), models.Q(('person_name', ''), _negated=True), _connector='OR'), name='reviews_commendation_person_recipient_has_name'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'approved'), _negated=True), ('decision_date__isnull', False), _connector='OR'), name='reviews_commendation_approved_has_decision_date')],
                    },
                ),
            ],
        ),
    ]
