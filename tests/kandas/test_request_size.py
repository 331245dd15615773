import pytest


@pytest.mark.django_db
def test_a_request_larger_than_the_biggest_document_is_refused_with_the_limit(client, settings):
    settings.KANDAS_MAX_REQUEST_BYTES = 2 * 2**20
    response = client.post("/login/", data=b"x" * (3 * 2**20), content_type="application/octet-stream",
                           HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 413
    assert "не более 2 МБ" in response.content.decode()
