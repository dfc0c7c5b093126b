# Issue 10: the leaders' home page counts the overdue work of each unit under them. Open work
# of a unit in deadline order, read index-only and at most OVERDUE_CAP entries per unit (see
# registry.assignments.selectors.OVERDUE_WORK, the same predicate).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0004_open_work_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(
                condition=models.Q(('status__in', ['assigned', 'in_progress']),
                                   ('delegated_within_unit', False),
                                   models.Q(('role', 'info'), _negated=True)),
                fields=['tracking_unit', 'deadline', 'id'],
                name='assignment_unit_overdue_idx'),
        ),
    ]
