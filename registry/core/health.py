import redis
from django.conf import settings


def redis_state() -> str:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1,
                                      socket_timeout=1)
        client.ping()
    except Exception as exc:  # any client error means "down" for a health check
        return f"error: {exc.__class__.__name__}"
    return "ok"
