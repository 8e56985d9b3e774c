"""A questionnaire's own privacy notice (blank: the default text), and failed link look-ups by time for
the limit across all addresses."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0007_remove_unreadable_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='questionnaire',
            name='privacy_notice',
            field=models.TextField(blank=True, help_text='Vises før det første spørgsmål og i e-mailen med linket. Tom: standardteksten bruges.', verbose_name='oplysning om behandling af personoplysninger'),
        ),
        migrations.AddIndex(
            model_name='failedlookup',
            index=models.Index(fields=['at'], name='surveys_fai_at_d1f965_idx'),
        ),
    ]
