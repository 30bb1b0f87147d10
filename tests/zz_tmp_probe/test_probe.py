import pytest
from outsourcing.org.models import User, Department

@pytest.mark.django_db
def test_demo_still_there_after_e2e():
    assert User.objects.filter(username="admin").exists()
    assert not User.objects.filter(username="cxhead").exists()
    assert not Department.objects.filter(code="OPS-CX").exists()
