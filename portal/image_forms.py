"""The image upload and edit form: every image in the library needs a description (its alt text).

Images in page bodies use Wagtail's ``ImageBlock``, where the editor gives alt text per use or marks the
image decorative. Images chosen elsewhere (such as a person's photo) use the image's ``description`` as alt
text, so the library form requires one. Configured with ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AccessibleImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.help_text = _(
                "Describe what the image shows for people who cannot see it; this is the alt text "
                "wherever the image is used without its own alt text (for example a person's photo)."
            )
            description.error_messages["required"] = _(
                "Give a description: it is read aloud to people who cannot see the image."
            )
