"""The example case's actions: the shape every app's registry takes (kandas.actions)."""
from django import forms

from kandas.actions import CaseAction, register_actions
from kandas.transitions import case_transition

from .models import ExampleCase


class ReviewForm(forms.Form):
    remarks = forms.CharField(label="remarks", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _run(transition, sign=None, close=()):
    def run(*, actor, case, data):
        kwargs = {"remarks": data.get("remarks", "")} if transition == "review" else {}
        return case_transition(case=case, transition=transition, actor=actor, seen_version=data["seen_version"],
                               kwargs=kwargs, sign=sign, close=close)
    return run


register_actions(ExampleCase, url_name="example_case_act", actions=[
    CaseAction("review", transition="review", form=ReviewForm, steps=("review",),
               run=_run("review", close=("review",))),
    CaseAction("approve", transition="approve", signs="decision", run=_run("approve", sign="decision")),
    CaseAction("refuse", transition="refuse", signs="decision", run=_run("refuse", sign="decision")),
])
