"""Register machinery shared by every list in the app: text search, sorted id lists, pages, counts.

How a register uses it (the 依申请公开 register in app/services/requests/queries.py
is the worked example):

1. Search: add a ``SearchSpec`` for the model to ``catalog.SPECS`` and one
   ``index.rebuild(op.get_bind(), kind)`` line to the register's migration.
   From then on every ORM save keeps the index in step automatically.
2. Lists: describe the register with ``register.RegisterSpec`` (model, search
   kind, sort columns, row columns, counts) and call ``register.sorted_ids``,
   ``register.fetch_rows``, ``register.counts`` and ``register.search_stream``;
   the Qt side is ui/register/ (``LazyRegisterModel``, ``RegisterView``).

Modules: ``documents`` (what is indexed, normalisation, pinyin), ``index``
(tables, writing, the flush listener), ``query`` (matching ids),
``register`` (ordered id lists, pages, counts, streamed search).
"""
