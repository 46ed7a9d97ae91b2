import io

import pytest

from demand.models import CustomerQuestion, DemandItem
from demand.seeds import seed_demand
from microsites.services import microsite_create
from wiki.models import SearchLog

pytestmark = pytest.mark.django_db


def test_seed_fills_the_queue_once(category):
    microsite_create(name="Portails Bordeaux", hostname="portails-bordeaux.localhost")
    SearchLog.objects.bulk_create(
        [SearchLog(query="grillage kangourou", normalized="grillage kangourou", hits=0)]
    )
    out = io.StringIO()
    seed_demand(stdout=out)
    assert CustomerQuestion.objects.count() == 6
    assert DemandItem.objects.filter(label="grillage kangourou").exists()
    assert DemandItem.objects.filter(customers__gt=0).count() == 6  # nothing public
    seed_demand(stdout=out)
    assert CustomerQuestion.objects.count() == 6
    assert "Questions" in out.getvalue()
