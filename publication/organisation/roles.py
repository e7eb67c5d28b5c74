"""The roles of the policy: the four central groups and, per unit, its editors and heads.

Group names are data (they are stored and looked up); the descriptions are what the admin shows.
This module imports no model, so `AppConfig` classes can name roles in their `role_permissions`.
"""

from django.utils.translation import gettext_lazy as _

WEBMASTERS = "Webmasters"
EXECUTIVES = "Executives"
PRESIDENTS_OFFICE = "President's Office"
ARIT_DIRECTOR = "ARIT Director"
CENTRAL_GROUPS = {
    WEBMASTERS: _("University webmasters (ARIT)"),
    EXECUTIVES: _("University executives"),
    PRESIDENTS_OFFICE: _("Office of the President"),
    ARIT_DIRECTOR: _("Director of the Office of Academic Resources and Information Technology"),
}
#: Pseudo-roles of `role_permissions` for every unit's editors' and heads' groups.
UNIT_EDITORS = "unit editors"
UNIT_HEADS = "unit heads"

