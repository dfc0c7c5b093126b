#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docflow.settings")
    if not any(os.environ.get(name) for name in ("SECRET_KEY", "SECRET_KEY_FILE", "DJANGO_DEBUG")):
        # A developer's shell with nothing configured (makemigrations, shell, ...): development
        # settings. Production always sets SECRET_KEY (or DJANGO_DEBUG=0, which then refuses
        # to start without one), so this never weakens a deployed server.
        os.environ["DJANGO_DEBUG"] = "1"
        sys.stderr.write("manage.py: no SECRET_KEY or DJANGO_DEBUG; development settings.\n")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
