from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A neighbourhood the team works in (udsat boligområde), e.g. Mjølnerparken on Nørrebro."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    district = models.CharField(_("bydel"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self):
        return f"{self.name} ({self.district})" if self.district else self.name
