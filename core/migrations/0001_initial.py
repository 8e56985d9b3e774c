"""Work plans, challenges, organisations, planned FTE and the reference token were models of `cases`,
areas of `atlas`, until the apps were put in layers (README, "Layers"). They keep their tables
(`db_table`), so this migration only tells Django's state where they now live: no table is created,
renamed or copied, and a database of the earlier layout migrates forwards with every row where it was.
The other apps' foreign keys follow in their migrations of the same name; `cases` 0010 and `atlas` 0004
then drop the old models from the state, also without touching a table."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import core.models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("atlas", "0003_version"),
        ("cases", "0009_event_awaiting_count_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Area',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='navn')),
                        ('district', models.CharField(blank=True, max_length=100, verbose_name='bydel')),
                        ('latitude', models.DecimalField(blank=True, decimal_places=6, help_text='Områdets midtpunkt.', max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(-90), django.core.validators.MaxValueValidator(90)], verbose_name='breddegrad')),
                        ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True, validators=[django.core.validators.MinValueValidator(-180), django.core.validators.MaxValueValidator(180)], verbose_name='længdegrad')),
                        ('boundary', models.JSONField(blank=True, help_text='Valgfri GeoJSON-geometri (Polygon eller MultiPolygon).', null=True, validators=[core.models.validate_boundary], verbose_name='afgrænsning')),
                    ],
                    options={
                        'verbose_name': 'område',
                        'verbose_name_plural': 'områder',
                        'db_table': 'atlas_area',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='navn')),
                        ('short_name', models.CharField(blank=True, max_length=60, verbose_name='kort navn')),
                        ('kind', models.CharField(choices=[('administration', 'Forvaltning'), ('housing', 'Boligselskab eller afdelingsbestyrelse'), ('state', 'Stat'), ('association', 'Forening eller NGO'), ('other', 'Andet')], max_length=20, verbose_name='type')),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'verbose_name_plural': 'organisationer',
                        'db_table': 'cases_organisation',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ReferenceVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=32)),
                    ],
                    options={
                        'db_table': 'cases_referenceversion',
                    },
                ),
                migrations.CreateModel(
                    name='WorkPlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='år')),
                        ('total_fte', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0)], verbose_name='årsværk i alt')),
                        ('purpose', models.TextField(blank=True, verbose_name='formål')),
                        ('target_groups', models.TextField(blank=True, help_text='Én målgruppe pr. linje.', verbose_name='målgrupper')),
                    ],
                    options={
                        'verbose_name': 'arbejdsplan',
                        'verbose_name_plural': 'arbejdsplaner',
                        'db_table': 'cases_workplan',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='Challenge',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(verbose_name='nummer')),
                        ('name', models.CharField(max_length=200, verbose_name='navn')),
                        ('short_label', models.CharField(help_text='Bruges i tabeller.', max_length=60, verbose_name='kort betegnelse')),
                        ('conclusions', models.TextField(blank=True, help_text='Én konklusion pr. linje.', verbose_name='konklusioner')),
                        ('lead_in', models.TextField(blank=True, help_text='Står først i udfordringens afsnit i statusrapporten; kan indeholde pladsholdere.', verbose_name='indledning i årsrapporten')),
                        ('work_plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='challenges', to='core.workplan', verbose_name='arbejdsplan')),
                    ],
                    options={
                        'verbose_name': 'udfordring',
                        'verbose_name_plural': 'udfordringer',
                        'db_table': 'cases_challenge',
                        'ordering': ['-work_plan__year', 'number'],
                    },
                ),
                migrations.CreateModel(
                    name='FteAllocation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('task', models.CharField(choices=[('cases', 'Rekvireringer og rådgivninger'), ('project_visits', 'Projektbesøg og vidensdeling'), ('events', 'Arrangementer og leverancer'), ('steering_groups', 'Styregrupper og lokale indsatser'), ('other', 'Øvrige opgaver')], max_length=30, verbose_name='opgave')),
                        ('fte', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0)], verbose_name='årsværk')),
                        ('challenge', models.ForeignKey(blank=True, help_text='Tom, hvis opgaven går på tværs af udfordringerne.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='allocations', to='core.challenge', verbose_name='udfordring')),
                        ('work_plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='allocations', to='core.workplan', verbose_name='arbejdsplan')),
                    ],
                    options={
                        'verbose_name': 'planlagt ressource',
                        'verbose_name_plural': 'planlagte ressourcer',
                        'db_table': 'cases_fteallocation',
                        'ordering': ['work_plan', 'task', 'challenge__number'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('challenge__isnull', False)), fields=('work_plan', 'task', 'challenge'), name='allocation_unique_task_challenge'), models.UniqueConstraint(condition=models.Q(('challenge__isnull', True)), fields=('work_plan', 'task'), name='allocation_unique_task_without_challenge')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='challenge',
                    constraint=models.UniqueConstraint(fields=('work_plan', 'number'), name='challenge_unique_number_per_plan'),
                ),
            ],
        ),
    ]
