"""The command-line interface (Typer + Rich); it imports only the service layer."""
