from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from ..models import PersonalDataAccess
from ..roles import user_may_see_personal_data
from ..selectors import family_of, person_get, person_search as person_search_select


@login_required
def person_search(request):
    query = request.GET.get("q", "")
    qs = person_search_select(user=request.user, query=query).order_by("surname", "given_name", "pk")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "kandas/person_search.html", {"page": page, "q": query})


@login_required
def person_detail(request, pk: int):
    person = person_get(user=request.user, pk=pk)
    may_see = user_may_see_personal_data(request.user)
    if may_see:
        PersonalDataAccess.objects.create(user=request.user, person=person, action=PersonalDataAccess.Action.VIEW,
                                          detail=request.path)
    families = list(person.families_headed.all()) + [m.family for m in person.memberships.select_related("family")]
    return render(request, "kandas/person_detail.html",
                  {"person": person, "may_see_personal_data": may_see, "families": families})


@login_required
def family_detail(request, pk: int):
    family = family_of(user=request.user, pk=pk)
    members = family.members.select_related("person")
    return render(request, "kandas/family_detail.html", {"family": family, "members": members,
                                                         "may_see_personal_data": user_may_see_personal_data(request.user)})
