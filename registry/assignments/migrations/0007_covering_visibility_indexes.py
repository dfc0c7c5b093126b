# Staff visibility checks answered from indexes: assignments by source with their assignees.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0006_tracking_covering_index'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('organisation', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='assignment',
            name='assignment_source_idx',
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(fields=['source_type', 'source_id'], include=('assignee_user', 'assignee_unit'), name='assignment_source_idx'),
        ),
    ]
