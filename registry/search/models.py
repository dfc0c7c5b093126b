"""Saved searches, and the folded text of assignments (a hit there finds the source document)."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Func, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    """A person's named search: the query string of the search page, run again on demand."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"),
                             on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("tên tìm kiếm"), max_length=120)
    query = models.CharField(_("điều kiện tìm"), max_length=1000)
    created_at = models.DateTimeField(_("ngày lưu"), auto_now_add=True)

    class Meta:
        verbose_name = _("tìm kiếm đã lưu")
        verbose_name_plural = _("tìm kiếm đã lưu")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('search:results')}?{self.query}"


class AssignmentText(models.Model):
    """The folded content of one assignment, beside its source document's reference.

    The assignments app knows nothing of search; `assignment_texts_sync` copies new
    assignments here (their content is fixed once given), so search needs no join into
    that app's tables and no SQL folding function.
    """

    assignment_id = models.BigIntegerField(primary_key=True)
    source_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE,
                                    related_name="+")
    source_id = models.BigIntegerField()
    folded = models.TextField()
    vector = models.GeneratedField(
        expression=SearchVector(
            Func(F("folded"), Value("[^a-z0-9]+"), Value(" "), Value("g"),
                 function="regexp_replace", output_field=models.TextField()),
            config="simple"),
        output_field=SearchVectorField(), db_persist=True)

    class Meta:
        verbose_name = _("nội dung giao việc (chỉ mục tìm kiếm)")
        verbose_name_plural = _("nội dung giao việc (chỉ mục tìm kiếm)")
        indexes = [
            GinIndex(fields=["vector"], name="search_assignment_vector_idx"),
            models.Index(fields=["source_type", "source_id"], name="search_assignment_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.folded[:60]}"
