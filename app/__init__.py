"""gongkai — 政务公开工作台. Everything that is not Qt lives in this package."""

__version__ = "0.1.0"
APP_NAME = "gongkai"
APP_TITLE = "政务公开工作台"
