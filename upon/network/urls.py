"""The network's pages. Each part adds its block of URLs (directory, messages, peer support,
groups, opportunities, library)."""

app_name = "network"

urlpatterns = []
