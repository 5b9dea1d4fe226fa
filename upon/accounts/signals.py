"""What accounts tells the apps above it, without importing them.

`role_granted` is sent whenever a person is given a role (accepting an invitation grants the
role it was for), with `user`, `role`, `programme` and `intake` (None for programme-wide roles).
An app that keeps its own record of invited people by email address (the selection reviewer
pool) links that record to the account here, so that nothing needs linking later, on a page
view or in a permission check.
"""

from django.dispatch import Signal

role_granted = Signal()
