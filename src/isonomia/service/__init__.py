"""The application: runs commands through the one pipeline and answers queries.

Interfaces (CLI, API, web) import only this package.
"""
