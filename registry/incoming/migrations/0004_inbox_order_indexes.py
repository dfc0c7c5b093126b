# Inboxes in their display order (urgent first, newest first), so a page stops after its rows.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incoming', '0003_search_columns'),
        ('organisation', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='incomingdocument',
            index=models.Index(models.F('submitted_to'), models.OrderBy(models.F('urgency_rank'), descending=True), models.OrderBy(models.F('received_at'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('status', 'submitted')), name='incoming_waiting_order_idx'),
        ),
        migrations.AddIndex(
            model_name='incomingdocument',
            index=models.Index(models.F('agency'), models.OrderBy(models.F('urgency_rank'), descending=True), models.OrderBy(models.F('received_at'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('status__in', ['received', 'registered', 'returned'])), name='incoming_clerk_order_idx'),
        ),
    ]
