"""Reusable register list for every tab: ``LazyRegisterModel`` + ``Column`` (model.py), ``RegisterView`` (view.py).

See the module docstrings for usage; the services side is app.services.search.
"""
