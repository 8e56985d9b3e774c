"""The reference data moved to `core` with its tables (core/migrations/0001): the foreign keys point
there now, and the old models leave this app's state. Django's state only; no table or column changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0009_event_awaiting_count_index"),
        ("core", "0001_initial"),
        ("projects", "0004_reference_data_in_core"),
        ("reports", "0003_reference_data_in_core"),
        ("surveys", "0004_reference_data_in_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='challenge',
                    name='work_plan',
                ),
                migrations.AlterField(
                    model_name='advisory',
                    name='challenge',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.challenge', verbose_name='udfordring'),
                ),
                migrations.AlterField(
                    model_name='requisition',
                    name='challenge',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.challenge', verbose_name='udfordring'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='challenge',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='core.challenge', verbose_name='udfordring'),
                ),
                migrations.AlterField(
                    model_name='deliverable',
                    name='challenge',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deliverables', to='core.challenge', verbose_name='udfordring'),
                ),
                migrations.AlterField(
                    model_name='steeringgroupmembership',
                    name='challenge',
                    field=models.ForeignKey(blank=True, help_text='Den udfordring, sædet hører under i årsrapporten.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='steering_groups', to='core.challenge', verbose_name='udfordring'),
                ),
                migrations.RemoveField(
                    model_name='fteallocation',
                    name='challenge',
                ),
                migrations.RemoveField(
                    model_name='fteallocation',
                    name='work_plan',
                ),
                migrations.AlterField(
                    model_name='advisory',
                    name='requester',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='advisories', to='core.organisation', verbose_name='rekvirent'),
                ),
                migrations.DeleteModel(
                    name='ReferenceVersion',
                ),
                migrations.AlterField(
                    model_name='advisory',
                    name='area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='core.area', verbose_name='område'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='core.area', verbose_name='område'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='organisations',
                    field=models.ManyToManyField(blank=True, related_name='events', to='core.organisation', verbose_name='deltagende organisationer'),
                ),
                migrations.AlterField(
                    model_name='requisition',
                    name='area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='core.area', verbose_name='område'),
                ),
                migrations.AlterField(
                    model_name='requisition',
                    name='requesters',
                    field=models.ManyToManyField(related_name='requisitions', to='core.organisation', verbose_name='rekvirenter'),
                ),
                migrations.AlterField(
                    model_name='steeringgroupmembership',
                    name='area',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='core.area', verbose_name='område'),
                ),
                migrations.DeleteModel(
                    name='Challenge',
                ),
                migrations.DeleteModel(
                    name='FteAllocation',
                ),
                migrations.DeleteModel(
                    name='WorkPlan',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
            ],
        ),
    ]
