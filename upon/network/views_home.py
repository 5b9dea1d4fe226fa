"""The network's home page: members' one way in, linking to each part of the network."""

from django.shortcuts import render

from upon.accounts import roles
from upon.accounts.models import Role
from upon.network import messages as conversations
from upon.network.access import member_required


@member_required
def home(request):
    context = {
        "unread": conversations.unread_total(request.user),
        "new_director": roles.has_role(request.user, Role.NEW_DIRECTOR),
        "alumnus": roles.has_role(request.user, Role.ALUMNUS),
    }
    return render(request, "network/home.html", context)
