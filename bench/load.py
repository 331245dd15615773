"""Load run: simulated caseworkers against gunicorn on 127.0.0.1 (locust, headless).

    # the generated database (bench/generate.py, bench/generate_cases.py), production-like settings
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kandas_bench \
           DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-secret-key-0123456789-0123456789-0123456789 \
           DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_ALLOWED_HOSTS=127.0.0.1
    .venv/bin/gunicorn --chdir bench load_wsgi:application -b 127.0.0.1:8011 -w 4 &
    .venv/bin/locust -f bench/load.py --headless -u 50 -r 5 -t 2m --host http://127.0.0.1:8011 \
        --csv /tmp/kandas_load --only-summary

Each simulated user is one MIO specialist (KANDAS_LOAD_USERS: the demo specialists and their counterparts
the case generator made in every region; bench/load_users.py gives them a password), logged in through the
login page, who
then, with 1–3 s of thinking between steps, repeats a caseworker's mix:
  My work (4), search a case list by name (3), open a case from a list (3), print a PDF of a case (1),
  act on a case (1): send a registered quota application to the commission through the case page's own
  form with its seen version (a state change with its deadlines, log and notifications); when the page
  no longer offers it (another caseworker was first) the step is skipped, not failed.
A refused act answers 4xx and counts as an error (goal 0). Not part of the test run.
"""
import itertools
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("KANDAS_LOAD_PASSWORD", "bench-load-password")  # bench/load_users.py sets it
# Who logs in, one user per simulated caseworker in turn: KANDAS_LOAD_USERS="a,b,c" (the load target in the
# Makefile lists every MIO specialist of the database), else the three demo specialists.
DEMO_USERS = ["mio_specialist_pvl", "mio_specialist_sko", "mio_specialist_alm"]
NAMES = ["Жұмабай", "Серікбек", "Нұрланов", "Асқарұлы", "Ерланбек", "Дәулетов", "Қасымбай", "Бекетов", "Марат"]
CASE_LINK = re.compile(r'href="(/(?:status/applications|quota/applications|adaptation/residence)/\d+/)"')
PDF_LINK = re.compile(r'href="(/(?:status/applications/\d+/pdf/\w+/|quota/applications/\d+/print/\w+/|'
                      r'adaptation/residence/\d+/\w+\.pdf))"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEND_FORM = re.compile(r'action="(/quota/applications/\d+/act/send_to_commission/)".*?name="seen_version" '
                       r'value="(\d+)"', re.S)
QUOTA_LINK = re.compile(r'href="(/quota/applications/\d+/)"')


def _usernames():
    listed = [u.strip() for u in os.environ.get("KANDAS_LOAD_USERS", "").split(",") if u.strip()]
    return listed or DEMO_USERS


USERNAMES = itertools.cycle(_usernames())


class Caseworker(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.username = next(USERNAMES)
        self.cases, self.pdfs = [], []
        self.page = random.randint(1, 40)  # each caseworker works a different part of the registered list
        login = self.client.get("/login/", name="/login/")
        token = CSRF.search(login.text)
        with self.client.post("/login/", data={"username": self.username, "password": PASSWORD,
                                               "csrfmiddlewaretoken": token.group(1) if token else ""},
                              headers={"Referer": f"{self.host}/login/"}, name="/login/ (POST)",
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.username} failed: {response.status_code}")

    @task(4)
    def my_work(self):
        self.client.get("/", name="My work")

    @task(3)
    def search(self):
        url = random.choice(["/status/", "/quota/", "/adaptation/residence/"])
        response = self.client.get(url, params={"q": random.choice(NAMES)}, name=f"{url} search")
        self.cases = CASE_LINK.findall(response.text)[:25] or self.cases

    @task(3)
    def open_case(self):
        if not self.cases:
            response = self.client.get(random.choice(["/status/", "/quota/", "/adaptation/residence/"]),
                                       name="case list")
            self.cases = CASE_LINK.findall(response.text)[:25]
        if self.cases:
            url = random.choice(self.cases)
            response = self.client.get(url, name=re.sub(r"/\d+/", "/<pk>/", url))
            self.pdfs = PDF_LINK.findall(response.text) or self.pdfs

    @task(1)
    def print_pdf(self):
        if self.pdfs:
            url = random.choice(self.pdfs)
            self.client.get(url, name=re.sub(r"/\d+/", "/<pk>/", url) + " (PDF)")

    @task(1)
    def act(self):
        """Send a registered quota application to the commission (QUO), as its case page offers."""
        listing = self.client.get("/quota/", params={"state": "registered", "page": self.page},
                                  name="/quota/?state=registered")
        self.page = self.page % 40 + 1
        links = QUOTA_LINK.findall(listing.text)
        for url in random.sample(links, k=min(3, len(links))):
            page = self.client.get(url, name="/quota/applications/<pk>/")
            form, token = SEND_FORM.search(page.text), CSRF.search(page.text)
            if not form or not token:
                continue  # already sent by someone else: nothing to act on here
            self.client.post(form.group(1), data={"csrfmiddlewaretoken": token.group(1), "seen_version": form.group(2)},
                             headers={"Referer": f"{self.host}{url}"},
                             name="/quota/applications/<pk>/act/send_to_commission/")
            return
