"""The survey e-mails as tasks of the queue: the link's e-mail (put there when a questionnaire is sent), and
the reminders (`send_survey_reminders --queue`, from cron on one machine or all, puts a run there)."""

from django.conf import settings
from django_tasks import task

from .services import invitation_mail, reminders_run


@task()
def send_survey_reminders(after_days: int | None = None, max_reminders: int | None = None) -> dict:
    """Returns whom it reminded (the queue keeps it with the task); a run that found another one running
    reminds no one. A mail server that cannot be reached fails the task (those reminded before are saved)."""
    result = reminders_run(after_days=settings.SURVEY_REMINDER_DAYS if after_days is None else after_days,
                           max_reminders=settings.SURVEY_MAX_REMINDERS if max_reminders is None else max_reminders)
    if result is None:
        return {"ran": False, "reminded": [], "refused": []}
    return {"ran": True, "reminded": [invitation.contact_email for invitation in result.reminded],
            "refused": [invitation.contact_email for invitation in result.refused]}


@task()
def invitation_mail_task(invitation_id: int, message: str = "") -> bool:
    """The e-mail with the link of a questionnaire just sent (services.invitation_mail)."""
    return invitation_mail(invitation_id=invitation_id, message=message)
