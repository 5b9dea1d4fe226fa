"""The national register of directors of children's services (issue 14): who led each authority,
from when to when."""
