# The open documents' visibility columns, read index-only (a unit's inbox and its counter).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incoming', '0004_inbox_order_indexes'),
        ('organisation', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='incomingdocument',
            index=models.Index(condition=models.Q(('status__in', ['directed', 'in_progress'])), fields=['agency'], include=('id', 'to_unit', 'secrecy', 'registered_by', 'status', 'urgency_rank', 'received_at'), name='incoming_open_cover_idx'),
        ),
    ]
