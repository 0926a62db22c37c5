"""`python -m service ...` runs the CLI, as the `rejectcheck` command does."""
from service.cli import main

main()
