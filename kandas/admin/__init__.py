from . import casework, registry  # noqa: F401
