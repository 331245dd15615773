"""Every admin changelist, add page and a change/history page load for a superuser."""
import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from kandas.models import Consent, Document, PersonalDataAccess, StateRecord
from tests.factories import FamilyFactory, add_member

pytestmark = pytest.mark.django_db

MODELS = [(m._meta.app_label, m._meta.model_name) for m in admin.site._registry]


@pytest.fixture
def admin_client_with_data(client):
    superuser = User.objects.create_superuser("root", "root@example.kz", "pass12345")
    family = FamilyFactory()
    add_member(family)
    Consent.objects.create(person=family.applicant, taken_by=superuser)
    Document.objects.create(person=family.applicant, kind="other", original_name="x.pdf")
    PersonalDataAccess.objects.create(user=superuser, person=family.applicant)
    StateRecord.objects.create(iin=family.applicant.iin, kind="identity", payload={"surname": "X"})
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("app_label,model_name", MODELS)
def test_admin_changelist_and_add_load(admin_client_with_data, app_label, model_name):
    client = admin_client_with_data
    assert client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200
    model_admin = admin.site._registry[next(m for m in admin.site._registry
                                            if (m._meta.app_label, m._meta.model_name) == (app_label, model_name))]
    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403)


@pytest.mark.parametrize("model", ["person", "family", "region", "organisation", "staff", "document", "consent"])
def test_registry_admin_search_filters_and_history(admin_client_with_data, model):
    client = admin_client_with_data
    url = reverse(f"admin:kandas_{model}_changelist")
    assert client.get(url, {"q": "а"}).status_code == 200
    obj = admin.site._registry[next(m for m in admin.site._registry if m._meta.model_name == model)].model
    instance = obj.objects.first()
    if instance is not None:
        assert client.get(reverse(f"admin:kandas_{model}_change", args=[instance.pk])).status_code == 200
        assert client.get(reverse(f"admin:kandas_{model}_history", args=[instance.pk])).status_code == 200


def test_access_log_is_read_only(admin_client_with_data):
    """GEN-3: the access log cannot be edited or deleted through the admin."""
    entry = PersonalDataAccess.objects.get()
    client = admin_client_with_data
    assert client.get(reverse("admin:kandas_personaldataaccess_add")).status_code == 403
    response = client.post(reverse("admin:kandas_personaldataaccess_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert PersonalDataAccess.objects.filter(pk=entry.pk).exists()
