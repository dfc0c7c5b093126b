FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --system docflow && mkdir -p /var/lib/docflow/media && chown docflow /var/lib/docflow/media
USER docflow
EXPOSE 8000
