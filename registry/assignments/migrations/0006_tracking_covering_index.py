# Issue 7: the tracking page counts a year of an agency's work (~100,000 rows at a province's
# scale) from the (agency, created_at) index alone: the columns it counts ride in the index.
# "Việc của tôi" (and its counter) checks a unit's open work for hand-ons inside the unit
# through a small partial index instead of reading all open work.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0005_assignment_unit_overdue_idx'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(
                condition=models.Q(('delegated_within_unit', True),
                                   ('status__in', ['assigned', 'in_progress'])),
                fields=['parent'], name='assignment_open_handon_idx'),
        ),
        migrations.RemoveIndex(model_name='assignment', name='assignment_agency_idx'),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(
                fields=['agency', 'created_at'], name='assignment_agency_idx',
                include=['tracking_unit', 'assignee_user', 'delegated_within_unit', 'role',
                         'status', 'completed_on_time', 'deadline']),
        ),
    ]
