"""The demo sites' pictures: drawn once per (kind, variant) into a file cache,
registered once as Wagtail images (found again by title), shared by every site
of a product line. Re-seeding draws nothing and registers nothing new."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from .drawing import HEIGHT, WIDTH, draw, finish

# bump when the drawings change: the file cache is keyed by it
DRAWING_VERSION = 3
COLLECTION_NAME = "Images de démonstration"
SOURCE_WIDTH = 1200

# what each product line's pictures show (product n uses kinds[n % len])
LINE_KINDS = {
    "portails": ("gate",),
    "clotures": ("mesh", "screen", "posts"),
    "grillage-rigide": ("mesh", "posts"),
    "grillage-souple": ("soft-mesh",),
    "gabions": ("gabion",),
    "brise-vue": ("screen",),
    "garde-corps": ("railing",),
    "portillons": ("small-gate",),
}
PICTURES_PER_LINE = 9  # up to 6 products, then project photos
# a product's own words pick its drawing first ("Portillon assorti" on a gates
# site is a garden door, "Clôture bois composite" a privacy screen)
SUBJECT_KINDS = (
    (("portillon",), "small-gate"),
    (("portail",), "gate"),
    (("gabion",), "gabion"),
    (("garde-corps", "main courante"), "railing"),
    (
        ("occultation", "lamelles", "lames", "composite", "brise-vue", "canisse"),
        "screen",
    ),
    (("poteaux", "tendeurs"), "posts"),
    (("torsion", "moutons", "soudé"), "soft-mesh"),
    (("rigide", "panneau", "kit", "sécurité"), "mesh"),
)


@dataclass(frozen=True)
class PictureSpec:
    line_slug: str
    number: int
    subject: str  # what it shows, in French: the image's title and alt text

    @property
    def kind(self) -> str:
        subject = self.subject.lower()
        for words, kind in SUBJECT_KINDS:
            if any(word in subject for word in words):
                return kind
        kinds = LINE_KINDS[self.line_slug]
        return kinds[self.number % len(kinds)]

    @property
    def variant(self) -> int:
        return self.number + len(self.line_slug)  # lines start on other finishes

    @property
    def title(self) -> str:
        return f"{self.subject}, finition {finish(self.variant)[0]}"

    @property
    def filename(self) -> str:
        return f"demo-{self.line_slug}-{self.number}-v{DRAWING_VERSION}.jpg"


def cache_dir() -> Path:
    path = Path(settings.VAR_DIR) / "cache" / "demo-pictures"
    path.mkdir(parents=True, exist_ok=True)
    return path


def picture_file(spec: PictureSpec) -> Path:
    """The drawn JPEG, from the cache when it is there."""
    path = cache_dir() / spec.filename
    if not path.exists():
        partial = path.with_suffix(".part")
        draw(spec.kind, spec.variant).save(
            partial, "JPEG", quality=82, optimize=True, progressive=True
        )
        partial.replace(path)  # never a half-written file in the cache
    return path


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def line_pictures(line) -> list:
    """The Wagtail images of a product line, registered on first use: products
    first (in the line's order), then project photos."""
    subjects = [title for title, _intro in line.products]
    subjects += [
        f"Réalisation {line.name.lower()} n° {number}"
        for number in range(1, PICTURES_PER_LINE - len(subjects) + 1)
    ]
    specs = [
        PictureSpec(line.slug, number, subject)
        for number, subject in enumerate(subjects[:PICTURES_PER_LINE])
    ]
    image_model = get_image_model()
    collection = demo_collection()
    known = {
        image.title: image
        for image in image_model.objects.filter(
            collection=collection, title__in=[spec.title for spec in specs]
        )
    }
    missing = [spec for spec in specs if spec.title not in known]
    for image in _register(image_model, collection, missing):
        known[image.title] = image
    return [known[spec.title] for spec in specs]


def _register(image_model, collection, specs: list[PictureSpec]) -> list:
    """Store the files and INSERT the images in one statement, then index them
    in one call: Image.save() per picture (signals, search update, metadata
    read back from the file) cost ~0.1 s each, 7 s of the 80-site seed."""
    if not specs:
        return []
    storage = image_model._meta.get_field("file").storage
    images = []
    for spec in specs:
        path = picture_file(spec)
        image = image_model(title=spec.title, collection=collection)
        with path.open("rb") as handle:
            name = storage.save(image.get_upload_to(spec.filename), File(handle))
            handle.seek(0)
            image.file_hash = hash_filelike(handle)
        image.file = name
        image.width, image.height = WIDTH, HEIGHT
        image.file_size = path.stat().st_size
        images.append(image)
    images = image_model.objects.bulk_create(images)
    from modelsearch.backends import get_search_backend

    get_search_backend().add_bulk(image_model, images)
    return images
