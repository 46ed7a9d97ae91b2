"""Microsite pages in the Wagtail admin: editable, previewable (on the hub host,
with the page's own site branding) and creatable where the tree allows."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from hub.bootstrap import ensure_base_data
from microsites.models import (
    ContactPage,
    ContentPage,
    MicrositeFolderPage,
    MicrositeHomePage,
    NewsPage,
    ProductPage,
)
from microsites.services import microsite_create

from .conftest import add_product


class MicrositeAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_base_data()
        cls.site = microsite_create(name="Portails Bordeaux", hostname="pb.localhost")
        cls.home = cls.site.root_page.specific
        cls.product = add_product(cls.home, "Portail battant", "portail-battant")

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(MicrositeHomePage, {MicrositeFolderPage})
        self.assertAllowedSubpageTypes(
            MicrositeHomePage, {ProductPage, ContentPage, NewsPage, ContactPage}
        )
        self.assertAllowedSubpageTypes(ProductPage, set())
        self.assertAllowedParentPageTypes(MicrositeFolderPage, {Page})

    def test_pages_are_previewable(self):
        for page in (self.home, self.product):
            data = nested_form_data(
                {
                    "title": page.title,
                    "slug": page.slug,
                    "intro": "Nouvelle intro",
                    "body": streamfield([("heading", {"text": "Titre"})]),
                }
            )
            self.assertPageIsPreviewable(page, post_data=data)
        contact = ContactPage.objects.child_of(self.home).get()
        fields = [
            {
                "label": f.label,
                "field_type": f.field_type,
                "required": "on" if f.required else "",
                "maps_to": f.maps_to,
                "id": f.pk,
            }
            for f in contact.form_fields.all()
        ]
        data = nested_form_data(
            {
                "title": contact.title,
                "slug": contact.slug,
                "intro": contact.intro,
                "thank_you_text": rich_text("<p>Merci</p>"),
                "form_fields": inline_formset(fields, initial=len(fields)),
            }
        )
        for mode in ("form", "landing"):
            self.assertPageIsPreviewable(contact, mode=mode, post_data=data)

    def test_editors_can_create_a_product_page(self):
        self.assertCanCreateAt(MicrositeHomePage, ProductPage)
        self.assertCanNotCreateAt(ProductPage, ProductPage)

    def test_preview_on_the_hub_host_wears_the_sites_branding(self):
        self.client.force_login(self.create_superuser("boss"))
        url = f"/cms/pages/{self.product.pk}/edit/preview/"
        data = nested_form_data(
            {
                "title": "Portail en aperçu",
                "slug": self.product.slug,
                "intro": "",
                "body": streamfield([]),
            }
        )
        self.assertEqual(self.client.post(url, data).status_code, 200)
        response = self.client.get(url)  # rendered on the hub host (testserver)
        self.assertContains(response, "Portail en aperçu")
        self.assertContains(response, "Portails Bordeaux")
        self.assertContains(response, "--ms-primary:")

    def test_preview_of_a_page_being_created(self):
        self.client.force_login(self.create_superuser("boss"))
        url = f"/cms/pages/add/microsites/productpage/{self.home.pk}/preview/"
        data = nested_form_data(
            {
                "title": "Nouveau portail",
                "slug": "nouveau-portail",
                "intro": "",
                "body": streamfield([]),
            }
        )
        self.assertEqual(self.client.post(url, data).status_code, 200)
        response = self.client.get(url)
        self.assertContains(response, "Nouveau portail")
        self.assertContains(response, "Portails Bordeaux")
