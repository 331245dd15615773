from . import casework, decree, periodic, registry  # noqa: F401
