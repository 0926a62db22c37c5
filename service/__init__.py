"""rejectcheck service: the HTTP API, web form and CLI around `model.Checker`."""
