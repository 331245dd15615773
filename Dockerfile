# Production-like image: gunicorn serves the app; the same image runs the Celery worker and beat.
# Front-end assets come from the npm registry at build time and are served by the app (no CDN).
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
# The same files as the Makefile's static/vendor/.installed, source maps included: collectstatic's
# manifest storage fails on a sourceMappingURL whose file is missing.
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir -p vendor/bootstrap vendor/htmx vendor/chartjs \
 && cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
       node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
       vendor/bootstrap/ \
 && cp node_modules/htmx.org/dist/htmx.min.js vendor/htmx/ \
 && cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map vendor/chartjs/

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# WeasyPrint needs pango; DejaVu and Noto cover Kazakh letters; gettext compiles the catalogs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-dejavu-core fonts-noto-core gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY . .
COPY --from=assets /build/vendor static/vendor
RUN useradd --create-home --uid 1000 kandas \
 && DJANGO_DEBUG=0 DJANGO_SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only \
    python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/media && chown -R kandas /app/media
USER kandas
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
