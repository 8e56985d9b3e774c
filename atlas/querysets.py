from django.db import models
from django.db.models import Q


class ActorQuerySet(models.QuerySet):
    def search(self, text: str):
        return self.filter(Q(name__icontains=text) | Q(address__icontains=text) | Q(activities__icontains=text)
                           | Q(target_groups__icontains=text))

    def needing_position(self):
        return self.exclude(address="").filter(latitude__isnull=True)

    def for_list(self):
        return self.prefetch_related("areas")
