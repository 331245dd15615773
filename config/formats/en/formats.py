"""The same date formats as Russian: dd.mm.yyyy in every language."""
from config.formats.ru.formats import *  # noqa: F401,F403
