"""The SQLite store: connection and transactions, migrations, change log, record helpers, backup and restore."""
