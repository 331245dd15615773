from . import casework, periodic, registry  # noqa: F401
