"""The WSGI entry point: ``app`` for any WSGI server (and ``flask --app wsgi``)."""
from elternbeitraege.app import create_app

app = create_app()
