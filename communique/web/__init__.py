"""The desk's pages: Jinja templates, server-drawn SVG charts and static files inside the package.

``communique.api.create_app`` mounts them next to the JSON API; ``pages`` holds the routes,
``charts`` the SVG, ``highlight`` the article text's pieces. JavaScript libraries are vendored
from npm into ``static/vendor`` with their licences (``make vendor``), so the desk works offline.
"""
