"""Review storage: SQLAlchemy models, migrations and the ReviewStore that owns the engine."""
